#include "http/handlers/mail_link_handlers.hpp"

#include <algorithm>
#include <chrono>

#include "http/context/csrf.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/json/decode.hpp"
#include "http/json/encode.hpp"
#include "http/json/mail_codec.hpp"

namespace gongdan::http {
namespace {

Response accepted() { return json_response(202, {{"status", "accepted"}}); }

}  // namespace

Response open_ticket_link(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto token = decode_token(*body);
  if (!token) return error_response(token.error());
  const auto opened = ctx.services.mail_requests.open_ticket_link(*token);
  if (!opened) return error_response(opened.error());
  Response response =
      json_response(200, {{"number", opened->number.str()}, {"expires_at", core::format_rfc3339(opened->expires_at)}});
  const auto lifetime = opened->remaining;
  const bool secure = ctx.options.secure_cookies;
  // HttpOnly like the session: the token is a credential for this ticket until the link expires.
  response.add("Set-Cookie", set_cookie_header(kLinkCookie, *token, {true, secure, lifetime}));
  // The CSRF cookie must live as long as the link cookie, or the browser's forms stop working.
  const auto csrf_lifetime = std::max<std::chrono::seconds>(lifetime, std::chrono::hours{24 * 30});
  const auto csrf = ctx.cookies.get(kCsrfCookie);
  response.add("Set-Cookie",
               set_cookie_header(kCsrfCookie, csrf && !csrf->empty() ? std::string(*csrf) : random_csrf_token(),
                                 {false, secure, csrf_lifetime}));
  return response;
}

Response revoke_ticket_links(RequestContext& ctx) {
  const auto revoked = ctx.services.mail_requests.revoke_links(ctx.actor, ctx.params.get("number"));
  if (!revoked) return error_response(revoked.error());
  return json_response(200, {{"revoked", *revoked}});
}

Response request_ticket_link(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto query = decode_lookup(*body);
  if (!query) return error_response(query.error());
  if (auto sent = ctx.services.mail_requests.send_ticket_link(query->number, query->email, ctx.locale); !sent) {
    return error_response(sent.error());
  }
  return accepted();
}

Response request_ticket_list(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto email = decode_email(*body);
  if (!email) return error_response(email.error());
  if (auto sent = ctx.services.mail_requests.send_ticket_list(*email, ctx.locale); !sent) {
    return error_response(sent.error());
  }
  return accepted();
}

}  // namespace gongdan::http
