#include "storage/postgres/connection.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "storage/testing/connection_contract.hpp"
#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using Kind = sql::DatabaseError::Kind;
using testing::ConnectionContract;
using testing::ContractDatabase;
using testing::ContractEngine;
using testing::PgTestDatabase;

class PgContractDatabase final : public ContractDatabase {
 public:
  PgContractDatabase() : connection_(database_.url()) {}
  sql::Connection& db() override { return connection_; }

 private:
  PgTestDatabase database_;
  postgres::Connection connection_;
};

INSTANTIATE_TEST_SUITE_P(Postgres, ConnectionContract,
                         ::testing::Values(ContractEngine{"Postgres",
                                                          [] { return std::make_unique<PgContractDatabase>(); }}),
                         testing::engine_name);

class PgConnectionTest : public ::testing::Test {
 protected:
  PgTestDatabase database_;
  postgres::Connection db_{database_.url()};
};

TEST_F(PgConnectionTest, ACachedStatementIsPreparedOnTheServerOnce) {
  db_.exec("CREATE TABLE t (x BIGINT)");
  for (int i = 0; i < 50; ++i) db_.cached("INSERT INTO t (x) VALUES (?)")->bind(1, i).run();
  EXPECT_EQ(db_.prepared_count(), 1u);
  auto server = db_.prepare("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE ?");
  server.bind(1, "INSERT INTO t (x) VALUES ($1)");
  ASSERT_TRUE(server.step());
  EXPECT_EQ(server.int64(0), 1);
  auto sum = db_.cached("SELECT SUM(x), AVG(x) FROM t");
  ASSERT_TRUE(sum->step());
  EXPECT_EQ(sum->int64(0), 49 * 50 / 2);  // SUM(bigint) is numeric on PostgreSQL
  EXPECT_EQ(sum->int64(1), 24);           // AVG 24.5, cut as SQLite cuts a real
}

TEST_F(PgConnectionTest, PastTheCacheBoundTextsRunUnpreparedAndStillWork) {
  const std::size_t bound = sql::StatementCache::kMaxStatements;
  for (std::size_t i = 0; i < bound + 20; ++i) {
    auto st = db_.cached("SELECT CAST(? AS BIGINT) + " + std::to_string(i));
    st->bind(1, 1);
    ASSERT_TRUE(st->step());
    EXPECT_EQ(st->int64(0), static_cast<std::int64_t>(i) + 1);
  }
  EXPECT_EQ(db_.prepared_count(), bound);
  auto server = db_.prepare("SELECT COUNT(*) FROM pg_prepared_statements");
  ASSERT_TRUE(server.step());
  EXPECT_EQ(server.int64(0), static_cast<std::int64_t>(bound));
  db_.run("BEGIN");  // a parameterless text past the bound, too
  db_.run("COMMIT");
}

TEST_F(PgConnectionTest, ACachedStatementSurvivesARolledBackTransaction) {
  db_.exec("CREATE TABLE t (x BIGINT)");
  {
    sql::Transaction tx(db_);
    db_.cached("INSERT INTO t (x) VALUES (?)")->bind(1, 1).run();
  }
  db_.cached("INSERT INTO t (x) VALUES (?)")->bind(1, 2).run();
  auto read = db_.prepare("SELECT x FROM t");
  ASSERT_TRUE(read.step());
  EXPECT_EQ(read.int64(0), 2);
  EXPECT_FALSE(read.step());
}

TEST_F(PgConnectionTest, TextWithANulByteIsRefusedNotCut) {
  db_.exec("CREATE TABLE t (s TEXT)");
  auto insert = db_.prepare("INSERT INTO t (s) VALUES (?)");
  try {
    insert.bind(1, std::string_view("ab\0cd", 5));
    FAIL() << "a NUL byte was accepted";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::kInvalidData);
    EXPECT_EQ(sql::to_core_error(error).code, core::ErrorCode::kInvalid);
  }
}

TEST_F(PgConnectionTest, AValueOfTheWrongTypeIsInvalidData) {
  db_.exec("CREATE TABLE t (x BIGINT)");
  auto insert = db_.prepare("INSERT INTO t (x) VALUES (?)");
  insert.bind(1, "not a number");
  try {
    insert.run();
    FAIL() << "text was stored as a number";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::kInvalidData);
    EXPECT_EQ(error.code(), "22P02");
  }
}

TEST_F(PgConnectionTest, ALockWaitThatTimesOutIsBusy) {
  db_.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, x BIGINT); INSERT INTO t VALUES (1, 0)");
  postgres::Connection other(database_.url());
  sql::Transaction holding(other);
  other.exec("UPDATE t SET x = 1 WHERE id = 1");
  db_.exec("SET lock_timeout = '50ms'");
  try {
    db_.prepare("UPDATE t SET x = 2 WHERE id = ?").bind(1, 1).run();
    FAIL() << "the row lock was not held";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::kBusy);
    EXPECT_EQ(error.code(), "55P03");
    EXPECT_EQ(sql::to_core_error(error).message, "The database is busy; try again.");
  }
}

TEST_F(PgConnectionTest, ADeadlockIsBusy) {
  db_.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, x BIGINT); INSERT INTO t VALUES (1, 0), (2, 0)");
  postgres::Connection other(database_.url());
  sql::Transaction mine(db_);
  sql::Transaction theirs(other);
  db_.exec("UPDATE t SET x = 1 WHERE id = 1");
  other.exec("UPDATE t SET x = 1 WHERE id = 2");
  std::optional<Kind> other_failure;
  std::thread crossing([&] {
    try {
      other.exec("UPDATE t SET x = 2 WHERE id = 1");
    } catch (const sql::DatabaseError& error) {
      other_failure = error.kind();
    }
  });
  std::optional<Kind> my_failure;
  try {
    db_.exec("UPDATE t SET x = 2 WHERE id = 2");
  } catch (const sql::DatabaseError& error) {
    my_failure = error.kind();
  }
  if (my_failure) db_.exec("ROLLBACK");  // lets the other side finish
  crossing.join();
  // PostgreSQL breaks the cycle by failing exactly one of the two.
  EXPECT_NE(my_failure.has_value(), other_failure.has_value());
  EXPECT_EQ(my_failure ? *my_failure : *other_failure, Kind::kBusy);
}

TEST_F(PgConnectionTest, ALostConnectionIsUnavailableAndNoticed) {
  postgres::Connection admin(database_.url());
  auto pid = db_.prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.step());
  admin.prepare("SELECT pg_terminate_backend(CAST(? AS INTEGER))").bind(1, pid.int64(0)).run();
  try {
    db_.prepare("SELECT 1").run();
    FAIL() << "a terminated connection answered";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(sql::to_core_error(error).code, core::ErrorCode::kUnavailable);
  }
  EXPECT_FALSE(db_.connected());
  EXPECT_FALSE(db_.ping());
}

TEST(PgConnectTest, AWrongUrlFailsClearlyWithoutThePassword) {
  EXPECT_THROW(postgres::Connection("sqlite:/tmp/x.db"), std::invalid_argument);
  // Nothing listens on port 1.
  try {
    postgres::Connection("postgresql://gongdan:s3cret-pw@127.0.0.1:1/gongdan?connect_timeout=2");
    FAIL() << "connected to nothing";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::kConnection);
    EXPECT_EQ(std::string(error.what()).find("s3cret-pw"), std::string::npos) << error.what();
  }
  // A database that does not exist: the server refuses (3D000), still a connection failure.
  try {
    postgres::Connection(testing::pg_url_with_database(testing::pg_test_url(), "no_such_database"));
    FAIL() << "connected to a missing database";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), Kind::kConnection);
  }
}

TEST(PgConnectTest, TheSessionSpeaksUtf8WhateverTheUrlSays) {
  PgTestDatabase database;
  postgres::Connection db(database.url() + "?client_encoding=LATIN1");
  auto st = db.prepare("SELECT current_setting('client_encoding'), ?");
  st.bind(1, "工单");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "UTF8");
  EXPECT_EQ(st.text(1), "工单");
}

TEST(PgUrlTest, ReplacesOnlyTheDatabaseName) {
  EXPECT_EQ(testing::pg_url_with_database("postgresql://u@h:1/db", "x"), "postgresql://u@h:1/x");
  EXPECT_EQ(testing::pg_url_with_database("postgresql://u@h:1/db?sslmode=disable", "x"),
            "postgresql://u@h:1/x?sslmode=disable");
  EXPECT_EQ(testing::pg_url_with_database("postgresql://u@h:1", "x"), "postgresql://u@h:1/x");
}

}  // namespace
}  // namespace gongdan::storage
