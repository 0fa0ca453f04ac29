#pragma once

#include "core/clock.hpp"
#include "http/limits/rate_limiter.hpp"
#include "http/router/router.hpp"
#include "http/server.hpp"
#include "http/server/request_handler.hpp"
#include "http/static/static_files.hpp"

namespace gongdan::http {

struct RequestContext;
struct RouteSpec;

/// The HTTP application: routes /api and /healthz to handlers through rate limits,
/// authentication, CSRF and locale choice; serves the SPA for other GET/HEAD requests; turns an
/// unexpected exception into one logged 500.
class Application final : public RequestHandler {
 public:
  Application(Services& services, const ServerOptions& options, const core::Clock& clock);

  Response handle(Request& request) noexcept override;
  bool quick(const Request& request) const noexcept override;

 private:
  Response dispatch(const Request& request);
  Response dispatch_api(const Request& request, std::string_view path, std::string_view query);
  /// Authenticates (session, mailed link), checks CSRF, picks the locale and runs the handler.
  Response authorize_and_run(const RouteSpec& route, RequestContext& ctx);

  Services& services_;
  const ServerOptions& options_;
  Router router_;
  RateLimiter limiter_;
  StaticFiles static_files_;
};

}  // namespace gongdan::http
