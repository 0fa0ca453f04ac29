#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

// The admin's people pages (role admin): users and their roles, groups and their members.
// See docs/workspace.md.

/// GET /api/v1/admin/users?role=&q= → {items: [user with away]}.
Response list_users(RequestContext& ctx);
/// POST /api/v1/admin/users {email, password, name, role, locale?} → 201 {user}.
Response create_user(RequestContext& ctx);
/// PATCH /api/v1/admin/users/{id} {role?, away?} → {user}.
Response update_user(RequestContext& ctx);
/// POST /api/v1/admin/groups {name, assignment?, member_ids} → 201 {group}.
Response create_group(RequestContext& ctx);
/// PUT /api/v1/admin/groups/{id} {name, assignment?, member_ids} → {group}.
Response update_group(RequestContext& ctx);

}  // namespace gongdan::http
