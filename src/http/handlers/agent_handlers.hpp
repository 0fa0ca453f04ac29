#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The agents' side: the queue, full ticket pages with internal notes, replies and changes.

/// GET /api/v1/agent/tickets?status=&priority=&q=&cursor=&limit= → the queue.
Response list_queue(RequestContext& ctx);
/// GET /api/v1/agent/tickets/{number} → {ticket, messages, events}, internal notes included.
Response agent_get_ticket(RequestContext& ctx);
/// PATCH /api/v1/agent/tickets/{number} {status?, priority?} → {ticket}.
Response agent_update_ticket(RequestContext& ctx);
/// POST /api/v1/agent/tickets/{number}/messages {body, internal} (or multipart) → 201.
Response agent_add_message(RequestContext& ctx);

}  // namespace gongdan::http
