#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The customer side of tickets (also used by staff for their own tickets, and by guests).

/// POST /api/v1/tickets (JSON or multipart `ticket` + `files`) → 201 {ticket} + Location.
Response submit_ticket(RequestContext& ctx);
/// GET /api/v1/tickets?status=&cursor=&limit= → the caller's tickets.
Response list_my_tickets(RequestContext& ctx);
/// GET /api/v1/tickets/similar?subject= → possible duplicates among the caller's open tickets.
Response similar_tickets(RequestContext& ctx);
/// POST /api/v1/tickets/lookup {number, email} → {number, status, updated_at}.
Response lookup_ticket(RequestContext& ctx);
/// GET /api/v1/tickets/{number} → {ticket, messages, events}.
Response get_ticket(RequestContext& ctx);
/// POST /api/v1/tickets/{number}/messages (JSON or multipart `message` + `files`) → 201.
Response add_message(RequestContext& ctx);
/// POST /api/v1/tickets/{number}/close → {ticket}.
Response close_ticket(RequestContext& ctx);
/// POST /api/v1/tickets/{number}/reopen → {ticket}.
Response reopen_ticket(RequestContext& ctx);

}  // namespace gongdan::http
