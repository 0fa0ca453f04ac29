#include "domain/agents/access_policy.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

User staff(Role role) {
  User user;
  user.id = core::UserId{7};
  user.role = role;
  return user;
}

Ticket in_group(std::int64_t group, std::optional<std::int64_t> assignee = std::nullopt) {
  Ticket ticket;
  ticket.group_id = core::GroupId{group};
  if (assignee) ticket.assignee_id = core::UserId{*assignee};
  return ticket;
}

TEST(StaffScope, AgentsWorkTheirGroupsTickets) {
  const auto scope = StaffScope::of(staff(Role::kAgent), {core::GroupId{1}, core::GroupId{3}});
  EXPECT_TRUE(scope.covers(in_group(1)));
  EXPECT_TRUE(scope.covers(in_group(3, 9)));
  EXPECT_FALSE(scope.covers(in_group(2)));
  EXPECT_FALSE(scope.covers(Ticket{}));  // a ticket without a group is nobody's but the supervisors'
}

TEST(StaffScope, AnAssigneeKeepsATicketMovedOutOfTheirGroups) {
  const auto scope = StaffScope::of(staff(Role::kAgent), {core::GroupId{1}});
  EXPECT_TRUE(scope.covers(in_group(2, 7)));
  EXPECT_FALSE(scope.covers(in_group(2, 8)));
}

TEST(StaffScope, SupervisorsAndAdminsWorkEveryGroup) {
  EXPECT_TRUE(StaffScope::of(staff(Role::kSupervisor), {}).covers(in_group(2)));
  EXPECT_TRUE(StaffScope::of(staff(Role::kAdmin), {}).covers(in_group(5)));
}

}  // namespace
}  // namespace gongdan::domain
