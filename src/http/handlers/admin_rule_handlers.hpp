#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// Automation rules (docs/workspace.md "Automation rules"): admins write, supervisors read.

/// GET /api/v1/admin/rules → {items: [rule]} in the order they run.
Response list_rules(RequestContext& ctx);
/// POST /api/v1/admin/rules {rule} → 201 {rule}, appended last.
Response create_rule(RequestContext& ctx);
/// PUT /api/v1/admin/rules/{id} {rule} → {rule}.
Response update_rule(RequestContext& ctx);
/// DELETE /api/v1/admin/rules/{id} → 204.
Response delete_rule(RequestContext& ctx);
/// PUT /api/v1/admin/rules/order {ids} → {items: [rule]} in the new order.
Response reorder_rules(RequestContext& ctx);

}  // namespace gongdan::http
