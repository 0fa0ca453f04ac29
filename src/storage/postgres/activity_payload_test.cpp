#include "storage/postgres/activity_payload.hpp"

#include <gtest/gtest.h>

namespace gongdan::storage {
namespace {

domain::TicketActivity sample() {
  domain::TicketActivity a;
  a.kind = domain::ActivityKind::kMessageAdded;
  a.ticket_id = core::TicketId{42};
  a.number = "GD-20261204-ABCDE";
  a.group_id = core::GroupId{7};
  a.status = domain::Status::kPending;
  a.priority = domain::Priority::kUrgent;
  a.updated_at = core::from_epoch_ms(1'764'000'000'123);
  a.internal = true;
  return a;
}

TEST(ActivityPayloadTest, RoundTripsEveryField) {
  const auto decoded = postgres::decode_activity(postgres::encode_activity("proc-a", sample()));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->origin, "proc-a");
  const auto& a = decoded->activity;
  EXPECT_EQ(a.kind, domain::ActivityKind::kMessageAdded);
  EXPECT_EQ(a.ticket_id, core::TicketId{42});
  EXPECT_EQ(a.number, "GD-20261204-ABCDE");
  EXPECT_EQ(a.group_id, core::GroupId{7});
  EXPECT_FALSE(a.assignee_id);
  EXPECT_EQ(a.status, domain::Status::kPending);
  EXPECT_EQ(a.priority, domain::Priority::kUrgent);
  EXPECT_EQ(core::to_epoch_ms(a.updated_at), 1'764'000'000'123);
  EXPECT_TRUE(a.internal);
}

TEST(ActivityPayloadTest, StaysFarBelowThePayloadLimit) {
  auto a = sample();
  a.number = std::string(64, 'X');
  EXPECT_LT(postgres::encode_activity(std::string(64, 'o'), a).size(), 1000u);
}

TEST(ActivityPayloadTest, RefusesAnythingElseOnTheChannel) {
  for (const char* payload :
       {"", "not json", "[]", "null", R"({"v":2})", R"({"v":"1"})", R"({"v":1,"origin":"x","kind":"created"})",
        R"({"v":1,"origin":"x","kind":"exploded","ticket_id":1,"number":"n","status":"new",
                                  "priority":"normal","updated_at":1,"internal":false,"group_id":null,"assignee_id":null})",
        R"({"v":1,"origin":"x","kind":"created","ticket_id":"1","number":"n","status":"new",
                                  "priority":"normal","updated_at":1,"internal":false,"group_id":null,"assignee_id":null})",
        R"({"v":1,"origin":"x","kind":"created","ticket_id":1,"number":"n","status":"new",
                                  "priority":"normal","updated_at":1,"internal":0,"group_id":null,"assignee_id":null})",
        R"({"v":1,"origin":"x","kind":"created","ticket_id":1.5,"number":"n","status":"new",
                                  "priority":"normal","updated_at":1,"internal":false,"group_id":null,"assignee_id":null})"}) {
    EXPECT_FALSE(postgres::decode_activity(payload)) << payload;
  }
  EXPECT_TRUE(postgres::decode_activity(
      R"({"v":1,"origin":"x","kind":"created","ticket_id":1,"number":"n","status":"new",
          "priority":"normal","updated_at":1,"internal":false,"group_id":null,"assignee_id":3})"));
}

}  // namespace
}  // namespace gongdan::storage
