#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// Mailed links and the public forms that mail them. The forms answer 202 with the same body
// whether or not the address is known, so that they cannot be used to probe for customers.

inline constexpr std::string_view kLinkCookie = "gd_link";

/// POST /api/v1/links/ticket {token} → 200 {number, expires_at} + the gd_link cookie.
Response open_ticket_link(RequestContext& ctx);
/// POST /api/v1/tickets/{number}/links/revoke → 200 {revoked}.
Response revoke_ticket_links(RequestContext& ctx);
/// POST /api/v1/tickets/lookup/link {number, email} → 202.
Response request_ticket_link(RequestContext& ctx);
/// POST /api/v1/mail/ticket-list {email} → 202.
Response request_ticket_list(RequestContext& ctx);

}  // namespace gongdan::http
