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
  /// True when handling `request` takes no more than a few indexed reads: the server then runs
  /// it on the I/O thread that read it, saving the hand-over to a worker and back (docs/adr/0004).
  virtual bool quick(const Request& /*request*/) const noexcept { return false; }
};

}  // namespace gongdan::http
