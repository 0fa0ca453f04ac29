#include "storage/sqlite/connection_adapter.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include "storage/testing/connection_contract.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage {
namespace {

using testing::ConnectionContract;
using testing::ContractDatabase;
using testing::ContractEngine;

class SqliteContractDatabase final : public ContractDatabase {
 public:
  SqliteContractDatabase()
      : connection_(dir_.path() / "contract.db", sqlite::Connection::Mode::kReadWrite, std::chrono::seconds(5)),
        adapter_(connection_) {}
  sql::Connection& db() override { return adapter_; }

 private:
  testing::TempDir dir_;
  sqlite::Connection connection_;
  sqlite::ConnectionAdapter adapter_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, ConnectionContract,
                         ::testing::Values(ContractEngine{"Sqlite",
                                                          [] { return std::make_unique<SqliteContractDatabase>(); }}),
                         testing::engine_name);

TEST(SqliteConnectionAdapterTest, ErrorsMapToTheSameCoreErrorsAsSqliteErrors) {
  for (const int code : {SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY,
                         SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_CONSTRAINT_CHECK, SQLITE_IOERR, SQLITE_ERROR}) {
    const sqlite::SqliteError original(code, "x");
    const auto neutral = sql::to_core_error(sqlite::to_database_error(original));
    const auto direct = sqlite::to_core_error(original);
    EXPECT_EQ(neutral.code, direct.code) << code;
    EXPECT_EQ(neutral.message, direct.message) << code;
  }
  EXPECT_EQ(sqlite::to_database_error(sqlite::SqliteError(SQLITE_CONSTRAINT_UNIQUE, "x")).kind(),
            sql::DatabaseError::Kind::kUniqueViolation);
  EXPECT_EQ(sqlite::to_database_error(sqlite::SqliteError(SQLITE_CONSTRAINT_NOTNULL, "x")).kind(),
            sql::DatabaseError::Kind::kConstraint);
}

TEST(SqliteConnectionAdapterTest, CachedStatementsAreTheConnectionsOwn) {
  testing::TempDir dir;
  sqlite::Connection connection(dir.path() / "a.db", sqlite::Connection::Mode::kReadWrite, std::chrono::seconds(5));
  connection.exec("CREATE TABLE t (x INTEGER)");
  {
    sqlite::ConnectionAdapter db(connection);
    db.cached("INSERT INTO t (x) VALUES (?)")->bind(1, 7).run();
  }
  // A second adapter (as a later write job would make) reuses the statement prepared above.
  sqlite::ConnectionAdapter db(connection);
  auto count = db.cached("SELECT COUNT(*) FROM t WHERE x = ?");
  count->bind(1, 7);
  ASSERT_TRUE(count->step());
  EXPECT_EQ(count->int64(0), 1);
  auto direct = connection.cached("INSERT INTO t (x) VALUES (?)");
  EXPECT_NO_THROW(direct->bind(1, 8).run());
}

}  // namespace
}  // namespace gongdan::storage
