#include "storage/postgres/listener.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "storage/sql/database_error.hpp"
#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::PgTestDatabase;

class PgListenerTest : public ::testing::Test {
 protected:
  PgTestDatabase database_;
  postgres::Listener listener_{database_.url(), {"gongdan_events", "other"}};
  postgres::Connection sender_{database_.url()};
};

TEST_F(PgListenerTest, ACommittedNotificationArrivesWithItsPayloadAndSender) {
  {
    sql::Transaction tx(sender_);
    postgres::notify(sender_, "gongdan_events", R"({"type":"ticket_created","ticket":42,"subject":"闪退"})");
    EXPECT_TRUE(listener_.wait(50ms).empty());  // not before COMMIT
    tx.commit();
  }
  const auto received = listener_.wait(5s);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].channel, "gongdan_events");
  EXPECT_EQ(received[0].payload, R"({"type":"ticket_created","ticket":42,"subject":"闪退"})");
  auto pid = sender_.prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.step());
  EXPECT_EQ(received[0].sender_pid, pid.int64(0));
  EXPECT_NE(received[0].sender_pid, listener_.backend_pid());
}

TEST_F(PgListenerTest, ARolledBackNotificationNeverArrives) {
  {
    sql::Transaction tx(sender_);
    postgres::notify(sender_, "gongdan_events", "undone");
  }
  postgres::notify(sender_, "other", "after");
  const auto received = listener_.wait(5s);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].payload, "after");
}

TEST_F(PgListenerTest, WaitingWithNothingSentReturnsEmptyAfterTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(listener_.wait(100ms).empty());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 100ms);
}

TEST_F(PgListenerTest, ManyNotificationsArriveInOrder) {
  for (int i = 0; i < 100; ++i) postgres::notify(sender_, "gongdan_events", std::to_string(i));
  std::vector<std::string> payloads;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (payloads.size() < 100 && std::chrono::steady_clock::now() < deadline) {
    for (auto& n : listener_.wait(1s)) payloads.push_back(n.payload);
  }
  ASSERT_EQ(payloads.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(payloads[static_cast<std::size_t>(i)], std::to_string(i));
}

TEST_F(PgListenerTest, ALostConnectionIsReported) {
  sender_.prepare("SELECT pg_terminate_backend(CAST(? AS INTEGER))").bind(1, listener_.backend_pid()).run();
  try {
    for (int i = 0; i < 50; ++i) listener_.wait(100ms);
    FAIL() << "the listener did not notice";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), sql::DatabaseError::Kind::kConnection);
  }
}

TEST_F(PgListenerTest, ChannelNamesAreIdentifiersAndPayloadsAreBounded) {
  EXPECT_THROW(postgres::Listener(database_.url(), {"x; DROP TABLE t"}), std::invalid_argument);
  EXPECT_THROW(postgres::notify(sender_, "Events", "x"), std::invalid_argument);
  try {
    postgres::notify(sender_, "gongdan_events", std::string(8000, 'x'));
    FAIL() << "an oversized payload was sent";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), sql::DatabaseError::Kind::kInvalidData);
  }
}

}  // namespace
}  // namespace gongdan::storage
