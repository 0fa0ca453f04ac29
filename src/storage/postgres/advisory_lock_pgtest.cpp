#include "storage/postgres/advisory_lock.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "storage/postgres/connection.hpp"
#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::PgTestDatabase;

// A closed or terminated session releases its locks when its backend exits, which happens
// shortly after the client sees the close; a loaded machine needs a moment, so ask again.
bool takes_within_seconds(postgres::AdvisoryLock& lock) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!lock.hold()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

TEST(PgAdvisoryLockTest, OneHolderAtATimeAndTheNextTakesOverWhenItGoes) {
  PgTestDatabase database;
  std::optional<postgres::AdvisoryLock> first(std::in_place, database.url(), postgres::AdvisoryLock::kImapPoller);
  postgres::AdvisoryLock second(database.url(), postgres::AdvisoryLock::kImapPoller);
  postgres::AdvisoryLock other_role(database.url(), postgres::AdvisoryLock::kImapPoller + 1);
  EXPECT_TRUE(first->hold());
  EXPECT_TRUE(first->hold());  // still held, not taken twice
  EXPECT_FALSE(second.hold());
  EXPECT_TRUE(other_role.hold());
  first.reset();  // the process ends
  EXPECT_TRUE(takes_within_seconds(second));
}

TEST(PgAdvisoryLockTest, ALostSessionLosesTheRoleAndAnotherProcessTakesIt) {
  PgTestDatabase database;
  postgres::AdvisoryLock first(database.url(), postgres::AdvisoryLock::kImapPoller);
  postgres::AdvisoryLock second(database.url(), postgres::AdvisoryLock::kImapPoller);
  ASSERT_TRUE(first.hold());
  postgres::Connection admin(database.url());
  admin.exec(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = "
      "(SELECT oid FROM pg_database WHERE datname = current_database())");
  EXPECT_TRUE(takes_within_seconds(second));
  EXPECT_FALSE(first.hold());  // noticed the loss, and the role is taken
}

TEST(PgAdvisoryLockTest, AnUnreachableDatabaseMeansNotHeld) {
  postgres::AdvisoryLock lock("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1", 1);
  EXPECT_FALSE(lock.hold());
}

}  // namespace
}  // namespace gongdan::storage
