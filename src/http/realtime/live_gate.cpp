#include "http/realtime/live_gate.hpp"

#include <spdlog/spdlog.h>

#include "http/context/request_context.hpp"
#include "http/error_mapping.hpp"
#include "http/server/limits.hpp"

namespace gongdan::http {
namespace {

LiveEndpoint::Admission refuse(int status, std::string code, std::string detail) {
  return {problem_response(status, std::move(code), std::move(detail)), nullptr};
}

}  // namespace

bool same_origin(std::string_view origin, std::string_view host) {
  for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
    if (origin.size() > scheme.size() && istarts_with(origin, scheme)) {
      const std::string_view authority = origin.substr(scheme.size());
      return !host.empty() && iequals(authority, host);
    }
  }
  return false;  // "null" (sandboxed frames, file://) and anything else
}

LiveEndpoint::Admission LiveGate::admit(const Request& request) noexcept {
  try {
    return decide(request);
  } catch (const std::exception& e) {
    spdlog::error("GET {}: unexpected exception: {}", kLivePath, e.what());
  } catch (...) {
    spdlog::error("GET {}: unexpected non-standard exception", kLivePath);
  }
  try {
    return refuse(500, "internal", "Something went wrong on our side.");
  } catch (...) {
    return {text_response(500, "internal error"), nullptr};
  }
}

LiveEndpoint::Admission LiveGate::decide(const Request& request) {
  Cookies cookies;
  for (const Header& h : request.headers) {
    if (h.name == "cookie") cookies.parse(h.value);
  }
  const Credential credential = find_credential(request.header("authorization"), cookies);
  // Cross-site WebSocket hijacking: a browser sends our cookies with another site's socket, but
  // always says which page opened it. A cookie without an Origin is refused too: every browser
  // sends one, so only a non-browser client omits it, and those sign in with a Bearer token.
  const std::string_view origin = request.header("origin");
  if (!origin.empty() && !same_origin(origin, request.header("host"))) {
    return refuse(403, "origin_mismatch", "The page opening this socket is not from this site.");
  }
  if (origin.empty() && credential.method == AuthMethod::kCookie) {
    return refuse(403, "origin_mismatch", "A socket signed in by cookie must come from a page of this site.");
  }
  std::optional<domain::User> user;
  if (credential.method != AuthMethod::kNone) user = services_.auth.authenticate(credential.token);
  if (!user) return refuse(401, "unauthenticated", "Sign in first.");
  if (!user->is_staff()) return refuse(403, "forbidden", "Live updates are for agents.");
  // One account cannot hold an unbounded number of sockets (and presence entries).
  if (hub_.connections_of(user->id) >= kMaxLiveSocketsPerUser) {
    Response response = problem_response(429, "rate_limited", "Too many live connections; close a tab.");
    response.set("Retry-After", "10");
    return {std::move(response), nullptr};
  }
  return {std::nullopt, hub_.connect(std::move(*user))};
}

void LiveGate::tick() noexcept {
  try {
    hub_.expire_typing();
  } catch (const std::exception& e) {
    spdlog::error("live tick: {}", e.what());
  }
}

}  // namespace gongdan::http
