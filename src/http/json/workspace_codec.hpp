#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "domain/agents/staff_service.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::http {

// Wire names of the agent workspace's objects (docs/workspace.md, docs/api.md).

// The staff-only members of a ticket (group, assignee, tags, ...) are written with the others by
// ticket_fields (ticket_fields.hpp).
/// The customer panel of the agent ticket page: account (null for guests) and other tickets.
nlohmann::json customer_panel_json(const domain::TicketView& view);
nlohmann::json group_json(const domain::Group& group);
nlohmann::json staff_user_json(const domain::User& user);
nlohmann::json directory_json(const domain::StaffDirectory& directory);
nlohmann::json views_json(const std::vector<domain::ViewCount>& views);
nlohmann::json bulk_json(const std::vector<domain::BulkOutcome>& outcomes);

}  // namespace gongdan::http
