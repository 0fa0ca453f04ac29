#include "domain/agents/access_policy.hpp"

#include <algorithm>

namespace gongdan::domain {

StaffScope StaffScope::of(const User& user, std::vector<core::GroupId> groups) {
  return {user.id, user.sees_all_groups(), std::move(groups)};
}

bool StaffScope::member_of(core::GroupId group) const {
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

bool StaffScope::covers(const Ticket& ticket) const {
  if (all_groups) return true;
  // An assignee keeps the ticket when it moves to a group they are not in (docs/workspace.md).
  if (ticket.assignee_id == user) return true;
  return ticket.group_id && member_of(*ticket.group_id);
}

}  // namespace gongdan::domain
