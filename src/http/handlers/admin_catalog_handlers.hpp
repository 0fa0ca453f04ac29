#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The admin's category and custom-field pages (role admin). See docs/workspace.md.

/// GET /api/v1/admin/categories → {items: [category]}, inactive ones included.
Response admin_list_categories(RequestContext& ctx);
/// POST /api/v1/admin/categories → 201 the category.
Response admin_create_category(RequestContext& ctx);
/// PUT /api/v1/admin/categories/{id} → the category.
Response admin_update_category(RequestContext& ctx);
/// GET /api/v1/admin/categories/{id}/fields → {items: [field]}, inactive ones included.
Response admin_list_fields(RequestContext& ctx);
/// POST /api/v1/admin/categories/{id}/fields → 201 the field.
Response admin_create_field(RequestContext& ctx);
/// PUT /api/v1/admin/categories/{id}/fields/{field_id} → the field.
Response admin_update_field(RequestContext& ctx);
/// DELETE /api/v1/admin/categories/{id}/fields/{field_id} → 204, or 200 the field deactivated
/// when tickets hold answers to it.
Response admin_delete_field(RequestContext& ctx);

}  // namespace gongdan::http
