#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "http/response.hpp"

namespace gongdan::http {

/// How a response goes out on its connection.
struct HeadFraming {
  unsigned version = 11;  // the request's: 10 or 11
  bool keep_alive = true;
  std::optional<std::size_t> content_length;  // none for 204 and 304, which never carry one
};

/// The status line and header block of `response`, ending with the empty line: what goes on the
/// wire before the body. Written by hand rather than by Beast's serializer, which walked a chain
/// of buffer views per answer: an eighth of the server's CPU for a status lookup.
///
/// Adds the headers every response carries: a strict Content-Security-Policy for the SPA (unless
/// the handler set one, as attachments do), no sniffing, no referrer to other sites, no framing;
/// those three replace a handler's own. Content-Length and the keep-alive token of Connection are
/// the framing's, whatever the handler set; a handler's other Connection tokens (Upgrade) are
/// kept. A header whose name is not a token or whose value holds CR, LF or NUL is left out (it
/// would forge or split fields) and logged; an empty Content-Security-Policy counts as none.
std::string response_head(const Response& response, const HeadFraming& framing);

}  // namespace gongdan::http
