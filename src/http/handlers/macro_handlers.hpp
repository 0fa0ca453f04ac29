#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// Macros (canned replies, docs/workspace.md): staff only; another user's personal macro is 404.

/// GET /api/v1/agent/macros → {items: [macro]}: the shared macros and the caller's own, by title.
Response list_macros(RequestContext& ctx);
/// POST /api/v1/agent/macros {title, body, internal?, scope?, actions?} → 201 macro.
Response create_macro(RequestContext& ctx);
/// PUT /api/v1/agent/macros/{id} (same body; the scope stays) → 200 macro.
Response update_macro(RequestContext& ctx);
/// DELETE /api/v1/agent/macros/{id} → 204.
Response delete_macro(RequestContext& ctx);
/// GET /api/v1/agent/tickets/{number}/macros/{id}/preview → {macro, body, internal, actions}.
Response preview_macro(RequestContext& ctx);
/// POST /api/v1/agent/tickets/{number}/macros/{id}/apply → 201 {message, ticket}.
Response apply_macro(RequestContext& ctx);

}  // namespace gongdan::http
