#include "storage/postgres/advisory_lock.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "storage/postgres/connection.hpp"
#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::PgTestDatabase;

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
  EXPECT_TRUE(second.hold());
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
  EXPECT_TRUE(second.hold());
  EXPECT_FALSE(first.hold());  // noticed the loss, and the role is taken
}

TEST(PgAdvisoryLockTest, AnUnreachableDatabaseMeansNotHeld) {
  postgres::AdvisoryLock lock("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1", 1);
  EXPECT_FALSE(lock.hold());
}

}  // namespace
}  // namespace gongdan::storage
