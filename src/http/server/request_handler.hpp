#pragma once

#include "http/request.hpp"
#include "http/response.hpp"

namespace gongdan::http {

/// What the server calls for each complete request, on a worker thread (handlers may block on the
/// database or Argon2id). Must not throw: unexpected exceptions become a 500 inside.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual Response handle(Request& request) noexcept = 0;
};

}  // namespace gongdan::http
