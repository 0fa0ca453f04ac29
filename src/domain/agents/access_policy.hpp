#pragma once

#include <vector>

#include "core/ids.hpp"
#include "domain/tickets/ticket.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// The tickets one staff member works: every ticket (supervisors, admins), or the tickets of their
/// groups plus those assigned to them (agents). The one rule behind the API, the views and the
/// live updates alike.
struct StaffScope {
  core::UserId user;
  bool all_groups = false;
  std::vector<core::GroupId> groups;  // the user's groups; unused when all_groups

  static StaffScope of(const User& user, std::vector<core::GroupId> groups);
  bool covers(const Ticket& ticket) const;
  bool member_of(core::GroupId group) const;
};

}  // namespace gongdan::domain
