#include "storage/sqlite/sqlite_inbound_mail_log.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

TEST(SqliteInboundMailLogTest, AMessageIdIsRecordedOnce) {
  TestDatabase t;
  auto& log = t.db->inbound_log();
  const auto first = log.record("abc@mail.example.com", "wang@example.com", "created", t.clock.now());
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  const auto again = log.record("abc@mail.example.com", "wang@example.com", "commented", t.clock.now() + 1s);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM inbound_mail WHERE outcome = 'created'"), 1);
}

TEST(SqliteInboundMailLogTest, CountsOneSendersMessagesSinceATime) {
  TestDatabase t;
  auto& log = t.db->inbound_log();
  const auto now = t.clock.now();
  ASSERT_TRUE(log.record("1@x", "Wang@Example.com", "created", now).ok());
  ASSERT_TRUE(log.record("2@x", "wang@example.com", "ignored", now + 10min).ok());
  ASSERT_TRUE(log.record("3@x", "li@example.com", "created", now + 10min).ok());
  EXPECT_EQ(log.count_from("wang@example.com", now), 2);
  EXPECT_EQ(log.count_from("WANG@example.com", now + 1min), 1);
  EXPECT_EQ(log.count_from("zhang@example.com", now), 0);
}

}  // namespace
}  // namespace gongdan::storage
