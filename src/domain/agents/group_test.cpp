#include "domain/agents/group.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

core::UserId id(std::int64_t v) { return core::UserId{v}; }

TEST(PickAssignee, ManualGroupsAssignNobody) {
  EXPECT_FALSE(pick_assignee(AssignmentMode::kManual, {{id(1), false, 0}}, std::nullopt));
}

TEST(PickAssignee, RoundRobinTakesTheNextMemberAndWraps) {
  const std::vector<AssignmentCandidate> members{{id(2), false, 0}, {id(5), false, 0}, {id(9), false, 0}};
  EXPECT_EQ(pick_assignee(AssignmentMode::kRoundRobin, members, std::nullopt), id(2));
  EXPECT_EQ(pick_assignee(AssignmentMode::kRoundRobin, members, id(2)), id(5));
  EXPECT_EQ(pick_assignee(AssignmentMode::kRoundRobin, members, id(5)), id(9));
  EXPECT_EQ(pick_assignee(AssignmentMode::kRoundRobin, members, id(9)), id(2));
}

TEST(PickAssignee, RoundRobinSkipsAwayMembersAndDepartedLastPicks) {
  const std::vector<AssignmentCandidate> members{{id(2), false, 0}, {id(5), true, 0}, {id(9), false, 0}};
  EXPECT_EQ(pick_assignee(AssignmentMode::kRoundRobin, members, id(2)), id(9));
  // The last pick (7) left the group: the next id after it still decides.
  EXPECT_EQ(pick_assignee(AssignmentMode::kRoundRobin, members, id(7)), id(9));
}

TEST(PickAssignee, LeastLoadTakesTheFewestActiveTicketsTiesToLowerId) {
  const std::vector<AssignmentCandidate> members{{id(2), false, 4}, {id(5), false, 1}, {id(9), false, 1}};
  EXPECT_EQ(pick_assignee(AssignmentMode::kLeastLoad, members, std::nullopt), id(5));
  const std::vector<AssignmentCandidate> busy_but_away{{id(2), false, 4}, {id(5), true, 0}};
  EXPECT_EQ(pick_assignee(AssignmentMode::kLeastLoad, busy_but_away, std::nullopt), id(2));
}

TEST(PickAssignee, NobodyPresentMeansUnassigned) {
  const std::vector<AssignmentCandidate> members{{id(2), true, 0}};
  EXPECT_FALSE(pick_assignee(AssignmentMode::kRoundRobin, members, std::nullopt));
  EXPECT_FALSE(pick_assignee(AssignmentMode::kLeastLoad, {}, std::nullopt));
}

TEST(AssignmentMode, WireNamesRoundTrip) {
  for (auto mode : {AssignmentMode::kManual, AssignmentMode::kRoundRobin, AssignmentMode::kLeastLoad}) {
    EXPECT_EQ(parse_assignment_mode(to_string(mode)), mode);
  }
  EXPECT_FALSE(parse_assignment_mode("random"));
}

}  // namespace
}  // namespace gongdan::domain
