#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// Public resources: no sign-in needed.

/// GET /healthz → 200 "ok".
Response health(RequestContext& ctx);
/// GET /api/v1/config → limits and contact details for clients.
Response get_config(RequestContext& ctx);
/// GET /api/v1/categories → {items: [{id, name}]} in the request's locale.
Response list_categories(RequestContext& ctx);
/// GET /api/v1/articles[?locale=] → the FAQ with bodies rendered to safe HTML.
Response list_articles(RequestContext& ctx);

}  // namespace gongdan::http
