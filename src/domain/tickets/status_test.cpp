#include "domain/tickets/status.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

TEST(Status, NamesRoundTrip) {
  for (const auto s : {Status::kNew, Status::kOpen, Status::kPending, Status::kResolved, Status::kClosed}) {
    EXPECT_EQ(parse_status(to_string(s)), s);
  }
  for (const auto p : {Priority::kLow, Priority::kNormal, Priority::kHigh, Priority::kUrgent}) {
    EXPECT_EQ(parse_priority(to_string(p)), p);
  }
  EXPECT_FALSE(parse_status("Open"));
  EXPECT_FALSE(parse_priority(""));
}

TEST(Status, ClosedIsFinal) {
  for (const auto to : {Status::kNew, Status::kOpen, Status::kPending, Status::kResolved}) {
    EXPECT_FALSE(agent_may_change(Status::kClosed, to));
  }
}

TEST(Status, NothingGoesBackToNew) {
  for (const auto from : {Status::kOpen, Status::kPending, Status::kResolved}) {
    EXPECT_FALSE(agent_may_change(from, Status::kNew));
  }
  EXPECT_TRUE(agent_may_change(Status::kNew, Status::kPending));
  EXPECT_TRUE(agent_may_change(Status::kPending, Status::kOpen));
  EXPECT_TRUE(agent_may_change(Status::kResolved, Status::kClosed));
}

}  // namespace
}  // namespace gongdan::domain
