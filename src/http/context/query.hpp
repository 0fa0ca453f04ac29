#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace gongdan::http {

/// A request target split at its first '?': the raw path and the raw query string.
struct Target {
  std::string_view path;
  std::string_view query;
};

Target split_target(std::string_view target);

/// Decodes %XX escapes (and '+' as a space when `plus_as_space`); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space = false);

/// Encodes every byte outside RFC 3986's unreserved set as %XX (for Location and filename*).
std::string percent_encode(std::string_view text);

/// Decoded query-string parameters in order of appearance; a name may repeat, the first wins.
class QueryParams {
 public:
  /// Parses `a=1&b=x+y%21`. Error (field = the parameter) on a malformed escape (`invalid`) or
  /// ill-formed UTF-8 after decoding (`invalid_utf8`).
  static core::Result<QueryParams> parse(std::string_view query);

  /// The first value of `name`, or nullopt.
  std::optional<std::string_view> get(std::string_view name) const;
  std::size_t size() const { return items_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace gongdan::http
