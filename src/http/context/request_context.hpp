#pragma once

#include <string>
#include <string_view>

#include "domain/users/actor.hpp"
#include "domain/users/user.hpp"
#include "http/context/cookies.hpp"
#include "http/context/query.hpp"
#include "http/request.hpp"
#include "http/router/router.hpp"
#include "http/server.hpp"

namespace gongdan::http {

/// How the caller proved who they are.
enum class AuthMethod { kNone, kBearer, kCookie };

inline constexpr std::string_view kSessionCookie = "gd_session";
inline constexpr std::string_view kCsrfCookie = "gd_csrf";

/// Where a request's credentials are: a Bearer token wins over the session cookie (it cannot be
/// sent by another site, so it needs no CSRF check).
struct Credential {
  AuthMethod method = AuthMethod::kNone;
  std::string token;
};

/// The credential of a request, before it is checked.
Credential find_credential(std::string_view authorization, const Cookies& cookies);

/// Everything a handler needs about one request: its parts, its caller and the services.
struct RequestContext {
  const Request& request;
  std::string_view path;  // as sent, no query string
  QueryParams query;
  PathParams params;
  Cookies cookies;
  domain::Actor actor;
  AuthMethod auth_method = AuthMethod::kNone;  // kNone unless the credential named a live session
  std::string token;                           // that session's token
  domain::Locale locale = domain::Locale::kZhCn;
  Services& services;
  const ServerOptions& options;
};

}  // namespace gongdan::http
