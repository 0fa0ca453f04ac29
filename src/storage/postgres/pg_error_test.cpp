#include "storage/postgres/pg_error.hpp"

#include <gtest/gtest.h>

namespace gongdan::storage::postgres {
namespace {

using Kind = sql::DatabaseError::Kind;

TEST(PgErrorTest, ClassifiesSqlstatesByWhatTheCallerCanDo) {
  EXPECT_EQ(classify_sqlstate("23505"), Kind::kUniqueViolation);
  EXPECT_EQ(classify_sqlstate("23503"), Kind::kConstraint);  // foreign key
  EXPECT_EQ(classify_sqlstate("23514"), Kind::kConstraint);  // check
  EXPECT_EQ(classify_sqlstate("23502"), Kind::kConstraint);  // not null
  EXPECT_EQ(classify_sqlstate("40001"), Kind::kBusy);        // serialization failure
  EXPECT_EQ(classify_sqlstate("40P01"), Kind::kBusy);        // deadlock
  EXPECT_EQ(classify_sqlstate("55P03"), Kind::kBusy);        // lock_timeout
  EXPECT_EQ(classify_sqlstate("57014"), Kind::kBusy);        // statement_timeout
  EXPECT_EQ(classify_sqlstate("08006"), Kind::kConnection);
  EXPECT_EQ(classify_sqlstate("57P01"), Kind::kConnection);  // admin shutdown
  EXPECT_EQ(classify_sqlstate("53300"), Kind::kConnection);  // too many connections
  EXPECT_EQ(classify_sqlstate("22P02"), Kind::kInvalidData);
  EXPECT_EQ(classify_sqlstate("42601"), Kind::kOther);  // syntax error
  EXPECT_EQ(classify_sqlstate("42P01"), Kind::kOther);  // undefined table
  EXPECT_EQ(classify_sqlstate(""), Kind::kConnection);  // libpq's own failure
}

TEST(PgErrorTest, CoreErrorsMatchSqlite) {
  EXPECT_EQ(sql::to_core_error(sql::DatabaseError(Kind::kUniqueViolation, "23505", "x")).code,
            core::ErrorCode::kConflict);
  EXPECT_EQ(sql::to_core_error(sql::DatabaseError(Kind::kConstraint, "23503", "x")).code, core::ErrorCode::kConflict);
  EXPECT_EQ(sql::to_core_error(sql::DatabaseError(Kind::kBusy, "40001", "x")).message,
            "The database is busy; try again.");
  EXPECT_EQ(sql::to_core_error(sql::DatabaseError(Kind::kConnection, "08006", "x")).code,
            core::ErrorCode::kUnavailable);
  EXPECT_EQ(sql::to_core_error(sql::DatabaseError(Kind::kOther, "42601", "SELEC")).message,
            "Storage is unavailable; try again later.");
  EXPECT_EQ(sql::to_core_error(sql::DatabaseError(Kind::kInvalidData, "22021", "x")).code, core::ErrorCode::kInvalid);
}

}  // namespace
}  // namespace gongdan::storage::postgres
