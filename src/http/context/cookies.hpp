#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongdan::http {

/// The cookies a request sent, from one or more Cookie headers. The first of a repeated name wins
/// (browsers send the most specific path first).
class Cookies {
 public:
  /// Parses `a=1; b="2"`; pieces without a name are skipped.
  void parse(std::string_view header);
  std::optional<std::string_view> get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

/// Attributes of a cookie this server sets; SameSite=Lax and Path=/ always.
struct CookieAttributes {
  bool http_only = true;
  bool secure = false;
  std::chrono::seconds max_age{0};
};

/// A Set-Cookie header value.
std::string set_cookie_header(std::string_view name, std::string_view value, const CookieAttributes& attributes);

}  // namespace gongdan::http
