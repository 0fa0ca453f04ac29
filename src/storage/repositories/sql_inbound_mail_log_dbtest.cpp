#include "storage/repositories/sql_inbound_mail_log.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

TEST(SqlInboundMailLogTest, AMessageIdIsClaimedOnce) {
  TestDatabase t;
  auto& log = t.db->inbound_log();
  const auto now = t.clock.now();
  const auto first = log.claim("abc@mail.example.com", "wang@example.com", now, now - 10min);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  ASSERT_TRUE(log.finish("abc@mail.example.com", "created 261125-7KQ2MX").ok());
  const auto again = log.claim("abc@mail.example.com", "wang@example.com", now + 1h, now + 50min);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);  // finished: a duplicate however late it comes
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM inbound_mail WHERE outcome = 'created 261125-7KQ2MX'"), 1);
}

TEST(SqlInboundMailLogTest, AnUnfinishedClaimIsTakenOverOnlyOnceStale) {
  TestDatabase t;
  auto& log = t.db->inbound_log();
  const auto now = t.clock.now();
  ASSERT_TRUE(log.claim("m@x", "a@x", now, now - 10min).value());
  EXPECT_FALSE(log.claim("m@x", "a@x", now + 1min, now - 9min).value());  // another handler is on it
  EXPECT_TRUE(log.claim("m@x", "a@x", now + 11min, now + 1min).value());  // its handler died
}

TEST(SqlInboundMailLogTest, AReleasedClaimCanBeClaimedAgain) {
  TestDatabase t;
  auto& log = t.db->inbound_log();
  const auto now = t.clock.now();
  ASSERT_TRUE(log.claim("m@x", "a@x", now, now - 10min).value());
  ASSERT_TRUE(log.release("m@x").ok());
  EXPECT_TRUE(log.claim("m@x", "a@x", now + 1s, now - 10min).value());
  ASSERT_TRUE(log.finish("m@x", "commented").ok());
  ASSERT_TRUE(log.release("m@x").ok());  // a finished message is never released
  EXPECT_FALSE(log.claim("m@x", "a@x", now + 2s, now - 10min).value());
}

TEST(SqlInboundMailLogTest, CountsOneSendersMessagesSinceATime) {
  TestDatabase t;
  auto& log = t.db->inbound_log();
  const auto now = t.clock.now();
  ASSERT_TRUE(log.claim("1@x", "Wang@Example.com", now, now - 10min).ok());
  ASSERT_TRUE(log.claim("2@x", "wang@example.com", now + 10min, now).ok());
  ASSERT_TRUE(log.claim("3@x", "li@example.com", now + 10min, now).ok());
  EXPECT_EQ(log.count_from("wang@example.com", now), 2);
  EXPECT_EQ(log.count_from("WANG@example.com", now + 1min), 1);
  EXPECT_EQ(log.count_from("zhang@example.com", now), 0);
}

}  // namespace
}  // namespace gongdan::storage
