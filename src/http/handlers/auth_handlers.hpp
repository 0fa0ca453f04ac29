#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// Accounts and sessions. Sign-in answers carry the token for apps and two cookies for browsers.

/// POST /api/v1/auth/register → 201 {user, token} + session cookies.
Response register_user(RequestContext& ctx);
/// POST /api/v1/auth/login → 200 {token, user} + session cookies.
Response login(RequestContext& ctx);
/// POST /api/v1/auth/logout → 204, session revoked, cookies cleared.
Response logout(RequestContext& ctx);
/// POST /api/v1/auth/link {email} → 202; a sign-in link is mailed when an account has the address.
Response request_sign_in_link(RequestContext& ctx);
/// POST /api/v1/auth/link/session {token} → 200 like login; the link is used up.
Response sign_in_with_link(RequestContext& ctx);
/// GET /api/v1/me → {user}.
Response get_me(RequestContext& ctx);
/// PATCH /api/v1/me {name?, locale?} → {user}.
Response update_me(RequestContext& ctx);

}  // namespace gongdan::http
