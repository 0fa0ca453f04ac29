#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// Service levels (docs/sla.md "Service levels in the product"): admins manage policies and
// calendars; supervisors and admins read the report.

/// GET /api/v1/admin/sla/policies → {items: [policy]} by position.
Response list_sla_policies(RequestContext& ctx);
/// POST /api/v1/admin/sla/policies {policy} → 201 {policy}, appended last.
Response create_sla_policy(RequestContext& ctx);
/// GET /api/v1/admin/sla/policies/{id} → {policy}.
Response get_sla_policy(RequestContext& ctx);
/// PATCH /api/v1/admin/sla/policies/{id} {fields} → {policy}; its open tickets' due times follow.
Response update_sla_policy(RequestContext& ctx);
/// DELETE /api/v1/admin/sla/policies/{id} → 204.
Response delete_sla_policy(RequestContext& ctx);
/// POST /api/v1/admin/sla/policies/order {ids} → {items: [policy]} in the new order.
Response reorder_sla_policies(RequestContext& ctx);

/// GET /api/v1/admin/sla/calendars → {items: [calendar]} (24x7 first, read-only).
Response list_sla_calendars(RequestContext& ctx);
/// GET /api/v1/admin/sla/calendars/{name} → {calendar}.
Response get_sla_calendar(RequestContext& ctx);
/// PUT /api/v1/admin/sla/calendars/{name} {time_zone, weekly, special_days} → {calendar}.
Response put_sla_calendar(RequestContext& ctx);
/// DELETE /api/v1/admin/sla/calendars/{name} → 204; 409 calendar_in_use or read_only.
Response delete_sla_calendar(RequestContext& ctx);
/// POST /api/v1/admin/sla/calendars/{name}/import (text/calendar or text/csv) → the import report.
Response import_sla_calendar(RequestContext& ctx);
/// GET /api/v1/admin/sla/calendars/{name}/export?format=ics|csv → the file.
Response export_sla_calendar(RequestContext& ctx);

/// GET /api/v1/agent/reports/sla?from=YYYY-MM-DD&to=YYYY-MM-DD → the report.
Response get_sla_report(RequestContext& ctx);

}  // namespace gongdan::http
