#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace gongdan::http {

/// An HTTP response as handlers build it; the session turns it into bytes (response_head.hpp,
/// which also adds the security headers every response carries).
struct Response {
  int status = 200;
  std::vector<Header> headers;
  std::string body;

  /// Sets a header, replacing any earlier value of the same name.
  void set(std::string_view name, std::string value);
  /// Appends a header even when one of the same name exists (Set-Cookie).
  void add(std::string_view name, std::string value);
  /// The first value of a header (any case), or "".
  std::string_view header(std::string_view name) const;
};

/// A plain-text response.
Response text_response(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");

/// 204 No Content.
Response no_content();

/// The standard reason phrase of a status code ("Not Found"), or "Unknown".
std::string_view reason_phrase(int status);

}  // namespace gongdan::http
