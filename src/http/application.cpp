#include "http/application.hpp"

#include <charconv>

#include <spdlog/spdlog.h>

#include "http/context/csrf.hpp"
#include "http/context/locale.hpp"
#include "http/context/query.hpp"
#include "http/context/request_context.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/mail_link_handlers.hpp"
#include "http/routes.hpp"

namespace gongdan::http {
namespace {

bool is_api_path(std::string_view path) { return path == "/healthz" || path == "/api" || path.starts_with("/api/"); }

// An absolute-form target (http://host/path) names the same resource as its path.
std::string_view origin_form(std::string_view target) {
  for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
    if (istarts_with(target, scheme)) {
      const auto slash = target.find('/', scheme.size());
      return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
  }
  return target;
}

}  // namespace

Application::Application(Services& services, const ServerOptions& options, const core::Clock& clock)
    : services_(services), options_(options), limiter_(options.rate_limits, clock), static_files_(options.web_dir) {
  for (const RouteSpec& route : route_table()) router_.add(route.method, route.path);
}

Response Application::handle(Request& request) noexcept {
  const std::string_view path = split_target(origin_form(request.target)).path;
  try {
    return dispatch(request);
  } catch (const std::exception& e) {
    // The one catch per request: a bug, not an expected failure.
    spdlog::error("{} {}: unexpected exception: {}", request.method, path, e.what());
  } catch (...) {
    spdlog::error("{} {}: unexpected non-standard exception", request.method, path);
  }
  try {
    return problem_response(500, "internal", "Something went wrong on our side.");
  } catch (...) {
    return text_response(500, "internal error");
  }
}

bool Application::quick(const Request& request) const noexcept {
  if (!options_.quick_reads_inline) return false;
  try {
    const Target target = split_target(origin_form(request.target));
    if (!is_api_path(target.path)) return false;
    const std::string_view method =
        request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
    const RouteMatch match = router_.match(method, target.path);
    if (match.kind != RouteMatch::Kind::kFound || route_table()[match.route].cost != RouteCost::kQuickRead) {
      return false;
    }
    // A quick read answers a page of at most kQuickPageLimit rows; a bigger one goes to a worker.
    if (target.query.empty()) return true;
    const auto query = QueryParams::parse(target.query);
    if (!query) return false;
    const auto limit = query->get("limit");
    int rows = 0;
    return !limit || (std::from_chars(limit->data(), limit->data() + limit->size(), rows).ec == std::errc{} &&
                      rows <= kQuickPageLimit);
  } catch (...) {  // out of memory while matching: let a worker deal with the request
    return false;
  }
}

Response Application::dispatch(const Request& request) {
  const Target target = split_target(origin_form(request.target));
  if (target.path.empty() || target.path.front() != '/') {
    return problem_response(400, "bad_request", "The request target is not a path.");
  }
  if (is_api_path(target.path)) return dispatch_api(request, target.path, target.query);
  if (request.method != "GET" && request.method != "HEAD") {
    Response response = problem_response(405, "method_not_allowed", "Pages are read with GET.");
    response.set("Allow", "GET, HEAD");
    return response;
  }
  return static_files_.serve(target.path, request.header("if-none-match"));
}

Response Application::dispatch_api(const Request& request, std::string_view path, std::string_view raw_query) {
  // HEAD is GET without the body (the session drops it).
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
  RouteMatch match = router_.match(method, path);
  if (match.kind == RouteMatch::Kind::kNotFound) return problem_response(404, "not_found", "No such resource.");
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    Response response =
        problem_response(405, "method_not_allowed", "This resource does not support " + request.method + ".");
    response.set("Allow", Router::allow_header(match.allowed));
    return response;
  }
  const RouteSpec& route = route_table()[match.route];

  // Before any work: a flood of logins must not cost an Argon2id hash each.
  if (route.rate_limit) {
    const RateDecision decision = limiter_.take(*route.rate_limit, request.client_ip);
    if (!decision.allowed) {
      Response response = problem_response(429, "rate_limited", "Too many requests; try again later.");
      response.set("Retry-After", std::to_string(decision.retry_after.count()));
      return response;
    }
  }

  auto query = QueryParams::parse(raw_query);
  if (!query) return error_response(query.error());
  RequestContext ctx{request,
                     path,
                     std::move(*query),
                     std::move(match.params),
                     {},
                     domain::Actor::anonymous(),
                     AuthMethod::kNone,
                     {},
                     domain::Locale::kZhCn,
                     services_,
                     options_};
  // A quick read is reads only: authentication and the handler share one read transaction.
  if (route.cost == RouteCost::kQuickRead && options_.in_one_read_snapshot) {
    std::optional<Response> response;
    options_.in_one_read_snapshot([&] { response = authorize_and_run(route, ctx); });
    return std::move(*response);
  }
  return authorize_and_run(route, ctx);
}

Response Application::authorize_and_run(const RouteSpec& route, RequestContext& ctx) {
  const Request& request = ctx.request;
  for (const Header& h : request.headers) {
    if (h.name == "cookie") ctx.cookies.parse(h.value);
  }

  Credential credential = find_credential(request.header("authorization"), ctx.cookies);
  if (credential.method != AuthMethod::kNone) {
    if (auto user = services_.auth.authenticate(credential.token)) {
      ctx.actor.user = std::move(user);
      ctx.auth_method = credential.method;
      ctx.token = std::move(credential.token);
    }
  }
  // A mailed ticket link: the X-Ticket-Link header (apps) or the cookie its page set (browsers).
  bool link_cookie = false;
  if (const auto header = request.header("x-ticket-link"); !header.empty()) {
    ctx.actor.grant = services_.mail_requests.grant_for(header);
    // An app that sends a link expects it to work: say that it does not (a stale cookie is ignored).
    if (!ctx.actor.grant) {
      return error_response(domain::link_invalid());
    }
  } else if (const auto cookie = ctx.cookies.get(kLinkCookie)) {
    ctx.actor.grant = services_.mail_requests.grant_for(*cookie);
    link_cookie = ctx.actor.grant.has_value();
  }
  // A browser sends cookies with requests another site triggers; only our own pages can read
  // gd_csrf and echo it. Bearer tokens are never sent by the browser on its own.
  if ((ctx.auth_method == AuthMethod::kCookie || link_cookie) && is_unsafe_method(request.method) &&
      !csrf_token_matches(request.header("x-csrf-token"), ctx.cookies.get(kCsrfCookie).value_or(""))) {
    return problem_response(403, "csrf_failed", "The X-CSRF-Token header does not match the gd_csrf cookie.");
  }
  ctx.locale = choose_locale(ctx.actor, request.header("accept-language"));
  return route.handler(ctx);
}

}  // namespace gongdan::http
