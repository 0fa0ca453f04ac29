#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/tickets/ticket.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage {

/// The group a new ticket joins: its own if set, else its category's, else the default (lowest id).
std::optional<core::GroupId> group_for_new_ticket(sql::Connection& db, const domain::Ticket& ticket);

/// Picks the assignee of a ticket arriving in `group` by the group's mode (domain pick_assignee)
/// from the members' state read here, inside the write transaction, and remembers the pick for
/// round robin. Empty when the group assigns manually or nobody is available.
std::optional<core::UserId> assign_on_arrival(sql::Connection& db, core::GroupId group);

/// Makes the stored tags of a ticket equal `tags`.
void write_tags(sql::Connection& db, core::TicketId ticket, const std::vector<std::string>& before,
                const std::vector<std::string>& tags);

}  // namespace gongdan::storage
