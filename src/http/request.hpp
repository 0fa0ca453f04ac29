#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongdan::http {

/// One header field. Request header names are lower-case; response names keep their case.
struct Header {
  std::string name;
  std::string value;
};

/// An HTTP request as handlers see it: plain strings, no Beast types, so handlers and their
/// tests stay free of the network library.
struct Request {
  std::string method;  // upper-case, e.g. "GET"
  std::string target;  // as sent: path and query string
  std::vector<Header> headers;
  std::string body;
  std::string client_ip;

  /// The first value of a header (any case), or "" when absent.
  std::string_view header(std::string_view name) const;
  /// Whether the header is present at all.
  bool has_header(std::string_view name) const;
};

/// ASCII case-insensitive equality, for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

/// ASCII case-insensitive prefix test.
bool istarts_with(std::string_view text, std::string_view prefix);

}  // namespace gongdan::http
