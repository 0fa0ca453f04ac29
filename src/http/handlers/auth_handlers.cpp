#include "http/handlers/auth_handlers.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "http/context/cookies.hpp"
#include "http/context/csrf.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/handlers/mail_link_handlers.hpp"
#include "http/json/decode.hpp"
#include "http/json/encode.hpp"
#include "http/json/mail_codec.hpp"
#include "http/json/workspace_codec.hpp"

namespace gongdan::http {
namespace {

// Matches AuthService's default session lifetime; the server forgets the session then anyway.
constexpr std::chrono::seconds kCookieLifetime = std::chrono::hours{24 * 30};

void set_session_cookies(Response& response, const RequestContext& ctx, const std::string& token) {
  const bool secure = ctx.options.secure_cookies;
  // HttpOnly: script (an XSS) cannot read the session token.
  response.add("Set-Cookie", set_cookie_header(kSessionCookie, token, {true, secure, kCookieLifetime}));
  // Readable by the SPA, which echoes it in X-CSRF-Token; another site can neither read nor send it.
  response.add("Set-Cookie", set_cookie_header(kCsrfCookie, random_csrf_token(), {false, secure, kCookieLifetime}));
}

void clear_session_cookies(Response& response, const RequestContext& ctx) {
  const bool secure = ctx.options.secure_cookies;
  response.add("Set-Cookie", set_cookie_header(kSessionCookie, "", {true, secure, std::chrono::seconds{0}}));
  // Signing out ends a mailed link's access from this browser too (and a link cookie left without
  // its CSRF cookie would refuse every later form).
  response.add("Set-Cookie", set_cookie_header(kLinkCookie, "", {true, secure, std::chrono::seconds{0}}));
  response.add("Set-Cookie", set_cookie_header(kCsrfCookie, "", {false, secure, std::chrono::seconds{0}}));
}

// The signed-in user; staff also learn whether they are marked away (the header's toggle shows it).
nlohmann::json me_json(const domain::User& user) { return user.is_staff() ? staff_user_json(user) : user_json(user); }

Response signed_in_response(int status, const RequestContext& ctx, const domain::SignedIn& signed_in) {
  Response response = json_response(status, {{"user", me_json(signed_in.user)}, {"token", signed_in.token}});
  set_session_cookies(response, ctx, signed_in.token);
  return response;
}

}  // namespace

Response register_user(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  auto registration = decode_registration(*body);
  if (!registration) return error_response(registration.error());
  // Without an explicit choice, the account speaks the language the visitor's browser asked for.
  if (!registration->locale) registration->locale = std::string(domain::to_string(ctx.locale));
  auto signed_in = ctx.services.auth.register_customer(*registration);
  if (!signed_in) return error_response(signed_in.error());
  // The account exists either way; a lost verification mail is asked for again by sign-in link.
  if (auto queued = ctx.services.mail_requests.send_email_verification(signed_in->user); !queued) {
    spdlog::warn("verification mail for user {} not queued: {}", signed_in->user.id.value, queued.error().message);
  }
  return signed_in_response(201, ctx, *signed_in);
}

Response request_sign_in_link(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto email = decode_email(*body);
  if (!email) return error_response(email.error());
  if (auto sent = ctx.services.mail_requests.send_sign_in_link(*email); !sent) return error_response(sent.error());
  return json_response(202, {{"status", "accepted"}});
}

Response sign_in_with_link(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto token = decode_token(*body);
  if (!token) return error_response(token.error());
  auto signed_in = ctx.services.mail_requests.sign_in_with_link(*token);
  if (!signed_in) return error_response(signed_in.error());
  return signed_in_response(200, ctx, *signed_in);
}

Response login(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto credentials = decode_credentials(*body);
  if (!credentials) return error_response(credentials.error());
  auto signed_in = ctx.services.auth.login(credentials->email, credentials->password);
  if (!signed_in) return error_response(signed_in.error());
  return signed_in_response(200, ctx, *signed_in);
}

Response logout(RequestContext& ctx) {
  if (ctx.auth_method == AuthMethod::kNone) {
    // Stale cookies are cleared anyway, so the browser stops believing it is signed in.
    Response response = error_response(core::Error::unauthenticated());
    clear_session_cookies(response, ctx);
    return response;
  }
  const core::Status revoked = ctx.services.auth.logout(ctx.token);
  if (!revoked) return error_response(revoked.error());
  Response response = no_content();
  clear_session_cookies(response, ctx);
  return response;
}

Response get_me(RequestContext& ctx) {
  if (!ctx.actor.user) return error_response(core::Error::unauthenticated());
  return json_response(200, {{"user", me_json(*ctx.actor.user)}});
}

Response update_me(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto update = decode_profile_update(*body);
  if (!update) return error_response(update.error());
  auto user = ctx.services.auth.update_profile(ctx.actor, *update);
  if (!user) return error_response(user.error());
  return json_response(200, {{"user", me_json(*user)}});
}

}  // namespace gongdan::http
