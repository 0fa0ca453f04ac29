#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The agents' side: the queue, full ticket pages with internal notes, replies and changes.

/// GET /api/v1/agent/tickets?view=&sort=&status=&priority=&tag=&group_id=&assignee_id=&q=&cursor=&limit=
/// → the queue, within the caller's groups.
Response list_queue(RequestContext& ctx);
/// GET /api/v1/agent/tickets/{number} → {ticket, messages, events}, internal notes included.
Response agent_get_ticket(RequestContext& ctx);
/// PATCH /api/v1/agent/tickets/{number} {status?, priority?, assignee_id?, group_id?, add_tags?,
/// remove_tags?} → {ticket}.
Response agent_update_ticket(RequestContext& ctx);
/// POST /api/v1/agent/tickets/{number}/messages {body, internal} (or multipart) → 201.
Response agent_add_message(RequestContext& ctx);
/// POST /api/v1/agent/tickets/{number}/merge {into} → {ticket}: the surviving ticket.
Response merge_ticket(RequestContext& ctx);
/// GET /api/v1/agent/views → {views: [{id, count}]}.
Response list_views(RequestContext& ctx);
/// POST /api/v1/agent/tickets/bulk {numbers, changes} → {results: [{number, ok, ...}]}.
Response bulk_update_tickets(RequestContext& ctx);
/// GET /api/v1/agent/staff → {staff, groups}: names for assignment and filters.
Response get_staff_directory(RequestContext& ctx);

}  // namespace gongdan::http
