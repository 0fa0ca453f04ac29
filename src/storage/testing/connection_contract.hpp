#pragma once

// The behaviour every engine's sql::Connection shares, as one parameterized suite: each engine's
// test file includes this once and instantiates it with its own database (DESIGN.md: one storage
// contract, every engine).
//   INSTANTIATE_TEST_SUITE_P(Sqlite, ConnectionContract, ::testing::Values(ContractEngine{...}), engine_name);

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sql/dialect.hpp"
#include "storage/sql/like_pattern.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sql/migrator.hpp"

namespace gongdan::storage::testing {

/// One engine's empty database and a connection to it, alive as long as this is.
class ContractDatabase {
 public:
  virtual ~ContractDatabase() = default;
  virtual sql::Connection& db() = 0;
};

struct ContractEngine {
  std::string name;
  std::function<std::unique_ptr<ContractDatabase>()> open;
};

inline std::string engine_name(const ::testing::TestParamInfo<ContractEngine>& info) { return info.param.name; }
/// How gtest (and so ctest's test list) shows the parameter: its name, not its bytes.
inline void PrintTo(const ContractEngine& engine, std::ostream* out) { *out << engine.name; }

class ConnectionContract : public ::testing::TestWithParam<ContractEngine> {
 protected:
  void SetUp() override {
    database_ = GetParam().open();
    db().exec(sql::render(R"sql(
CREATE TABLE owners (id {{id}}, name TEXT NOT NULL);
CREATE TABLE notes (
  id {{id}},
  n BIGINT,
  body TEXT,
  flag INTEGER NOT NULL DEFAULT 0 CHECK (flag IN (0, 1)),
  owner_id BIGINT REFERENCES owners (id),
  code TEXT UNIQUE
);
)sql",
                          db().dialect()));
  }

  sql::Connection& db() { return database_->db(); }

  std::int64_t insert_note(std::string_view body, std::optional<std::int64_t> n = std::nullopt) {
    auto insert = db().cached("INSERT INTO notes (n, body) VALUES (?, ?) RETURNING id");
    insert->bind_all(n, body);
    EXPECT_TRUE(insert->step());
    return insert->int64(0);
  }

  std::int64_t count(std::string_view sql) {
    auto st = db().prepare(sql);
    EXPECT_TRUE(st.step());
    return st.int64(0);
  }

  /// The kind of the DatabaseError `work` throws.
  template <typename F>
  std::optional<sql::DatabaseError::Kind> failure_of(F&& work) {
    try {
      work();
    } catch (const sql::DatabaseError& error) {
      return error.kind();
    }
    return std::nullopt;
  }

  std::unique_ptr<ContractDatabase> database_;
};

TEST_P(ConnectionContract, IntegersTextAndNullsRoundTrip) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();
  const auto a = insert_note("it's a \"quoted\" \\ text; DROP TABLE notes; --", big);
  const auto b = insert_note("", small);
  auto insert_null = db().prepare("INSERT INTO notes (n, body) VALUES (?, ?)");
  insert_null.bind(1, std::optional<std::int64_t>{}).bind(2, std::nullopt).run();

  auto read = db().prepare("SELECT n, body FROM notes ORDER BY id");
  ASSERT_TRUE(read.step());
  EXPECT_EQ(read.int64(0), big);
  EXPECT_EQ(read.text(1), "it's a \"quoted\" \\ text; DROP TABLE notes; --");
  ASSERT_TRUE(read.step());
  EXPECT_EQ(read.int64(0), small);
  EXPECT_FALSE(read.is_null(1));
  EXPECT_EQ(read.optional_text(1), std::optional<std::string>(""));
  ASSERT_TRUE(read.step());
  EXPECT_TRUE(read.is_null(0));
  EXPECT_EQ(read.optional_int64(0), std::nullopt);
  EXPECT_EQ(read.optional_text(1), std::nullopt);
  EXPECT_EQ(read.int64(0), 0);  // NULL reads as 0 ...
  EXPECT_EQ(read.text(1), "");  // ... and as ""
  EXPECT_FALSE(read.step());
  EXPECT_LT(a, b);
}

TEST_P(ConnectionContract, ChineseTextRoundTripsAndCountsAsCharacters) {
  const std::string text = "应用闪退了，密码也找不回来 😢 café";
  insert_note(text);
  auto read = db().prepare("SELECT body, length(body) FROM notes WHERE body = ?");
  read.bind(1, text);
  ASSERT_TRUE(read.step());
  EXPECT_EQ(read.text(0), text);
  EXPECT_EQ(read.int64(1), 20);  // characters, not bytes, on both engines
}

TEST_P(ConnectionContract, BooleansAreStoredAsZeroOrOne) {
  auto insert = db().prepare("INSERT INTO notes (body, flag) VALUES (?, ?)");
  insert.bind_all("yes", true).run();
  auto read = db().prepare("SELECT flag, flag = 1 FROM notes");
  ASSERT_TRUE(read.step());
  EXPECT_EQ(read.int64(0), 1);
  EXPECT_TRUE(read.boolean(0));
  EXPECT_TRUE(read.boolean(1));  // a comparison reads as 1 or 0 too
}

TEST_P(ConnectionContract, AnIntegerBoundWhereABooleanStandsIsOneOrZero) {
  auto insert = db().prepare("INSERT INTO notes (body, flag) VALUES ('a', 0), ('b', 1)");
  insert.run();
  // As the messages query's `(? OR internal = 0)`: the server infers a boolean for the `?`.
  auto st = db().cached("SELECT COUNT(*) FROM notes WHERE (? OR flag = 0)");
  ASSERT_TRUE(st->bind(1, true).step());
  EXPECT_EQ(st->int64(0), 2);
  st->reset();
  ASSERT_TRUE(st->bind(1, false).step());
  EXPECT_EQ(st->int64(0), 1);
}

TEST_P(ConnectionContract, QuestionMarksInLiteralsAndCommentsAreNotPlaceholders) {
  auto st = db().prepare("SELECT ? || '?' /* ? */, ? -- a comment?\n");
  st.bind_all("a", "why?");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "a?");
  EXPECT_EQ(st.text(1), "why?");
}

TEST_P(ConnectionContract, InsertReturningGivesEachNewId) {
  const auto first = insert_note("one");
  const auto second = insert_note("two");
  EXPECT_GT(first, 0);
  EXPECT_EQ(second, first + 1);
  EXPECT_EQ(db().changes(), 1);
}

TEST_P(ConnectionContract, ChangesCountsTheRowsOfTheLastWrite) {
  insert_note("a", 1);
  insert_note("b", 1);
  insert_note("c", 2);
  auto update = db().cached("UPDATE notes SET body = ? WHERE n = ?");
  update->bind_all("x", 1).run();
  EXPECT_EQ(db().changes(), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notes"), 3);
  EXPECT_EQ(db().changes(), 2);  // a read leaves it
  db().exec("DELETE FROM notes");
  EXPECT_EQ(db().changes(), 3);
}

TEST_P(ConnectionContract, ACachedStatementBorrowedTwiceAtOnceGetsAPrivateCopy) {
  insert_note("a", 1);
  insert_note("b", 2);
  const std::string_view sql = "SELECT n FROM notes WHERE n >= ? ORDER BY n";
  auto outer = db().cached(sql);
  outer->bind(1, 1);
  std::vector<std::int64_t> pairs;
  while (outer->step()) {
    auto inner = db().cached(sql);  // the same text while the outer one is reading
    inner->bind(1, outer->int64(0));
    while (inner->step()) pairs.push_back(outer->int64(0) * 10 + inner->int64(0));
  }
  EXPECT_EQ(pairs, (std::vector<std::int64_t>{11, 12, 22}));
}

TEST_P(ConnectionContract, ACachedStatementComesBackResetWithoutBinds) {
  insert_note("a", 1);
  {
    auto st = db().cached("SELECT COUNT(*) FROM notes WHERE n = ?");
    st->bind(1, 1);
    ASSERT_TRUE(st->step());
    EXPECT_EQ(st->int64(0), 1);
  }
  auto again = db().cached("SELECT COUNT(*) FROM notes WHERE n = ?");
  ASSERT_TRUE(again->step());  // unbound: NULL, which equals nothing
  EXPECT_EQ(again->int64(0), 0);
}

TEST_P(ConnectionContract, LikeContainsMatchesWildcardsLiterally) {
  insert_note("100% sure_thing");
  insert_note("100 percent sure thing");
  auto st = db().prepare("SELECT COUNT(*) FROM notes WHERE body LIKE ? ESCAPE '\\'");
  st.bind(1, sql::like_contains("0% sure_"));
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.int64(0), 1);
}

TEST_P(ConnectionContract, AUniqueViolationIsAConflict) {
  auto insert = db().prepare("INSERT INTO notes (code) VALUES (?)");
  insert.bind(1, "same").run();
  auto again = db().prepare("INSERT INTO notes (code) VALUES (?)");
  again.bind(1, "same");
  try {
    again.run();
    FAIL() << "a duplicate was stored";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), sql::DatabaseError::Kind::kUniqueViolation);
    EXPECT_EQ(sql::to_core_error(error).code, core::ErrorCode::kConflict);
  }
}

TEST_P(ConnectionContract, ForeignKeyCheckAndNotNullViolationsAreConstraints) {
  using Kind = sql::DatabaseError::Kind;
  EXPECT_EQ(failure_of([&] { db().prepare("INSERT INTO notes (owner_id) VALUES (?)").bind(1, 999).run(); }),
            Kind::kConstraint);
  EXPECT_EQ(failure_of([&] { db().prepare("INSERT INTO notes (flag) VALUES (?)").bind(1, 2).run(); }),
            Kind::kConstraint);
  EXPECT_EQ(failure_of([&] { db().prepare("INSERT INTO owners (name) VALUES (?)").bind(1, std::nullopt).run(); }),
            Kind::kConstraint);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notes"), 0);
}

TEST_P(ConnectionContract, BadSqlAndBadBindsAreErrorsNotCrashes) {
  using Kind = sql::DatabaseError::Kind;
  EXPECT_EQ(failure_of([&] { db().prepare("SELEC 1").run(); }), Kind::kOther);
  EXPECT_EQ(failure_of([&] { db().exec("SELECT * FROM no_such_table"); }), Kind::kOther);
  EXPECT_EQ(failure_of([&] { db().prepare("SELECT ?").bind(2, 1); }), Kind::kOther);
  const auto error = sql::to_core_error(sql::DatabaseError(Kind::kOther, "", "x"));
  EXPECT_EQ(error.code, core::ErrorCode::kUnavailable);
}

TEST_P(ConnectionContract, ATransactionCommitsOrRollsBackWhole) {
  {
    sql::Transaction tx(db());
    EXPECT_TRUE(db().in_transaction());
    insert_note("kept");
    tx.commit();
  }
  EXPECT_FALSE(db().in_transaction());
  {
    sql::Transaction tx(db());
    insert_note("dropped");
    // no commit: an exception on the way out would look the same
  }
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count("SELECT COUNT(*) FROM notes"), 1);
}

TEST_P(ConnectionContract, ASavepointUndoesOnlyItsOwnWorkAndClearsAFailure) {
  sql::Transaction tx(db());
  insert_note("before", 1);
  {
    sql::Savepoint job(db(), "job_1");
    insert_note("inside", 2);
    // A failed statement (on PostgreSQL this aborts the transaction) ...
    EXPECT_TRUE(failure_of([&] { db().prepare("INSERT INTO notes (flag) VALUES (5)").run(); }).has_value());
  }  // ... is undone with the savepoint, and the transaction goes on.
  {
    sql::Savepoint job(db(), "job_2");
    insert_note("after", 3);
    job.release();
  }
  tx.commit();
  auto read = db().prepare("SELECT n FROM notes ORDER BY n");
  std::vector<std::int64_t> kept;
  while (read.step()) kept.push_back(read.int64(0));
  EXPECT_EQ(kept, (std::vector<std::int64_t>{1, 3}));
}

TEST_P(ConnectionContract, ASavepointNameMustBeAnIdentifier) {
  sql::Transaction tx(db());
  EXPECT_THROW(sql::Savepoint(db(), "x; DROP TABLE notes"), std::invalid_argument);
}

TEST_P(ConnectionContract, EveryMigrationAppliesThenApplyingAgainDoesNothing) {
  std::vector<int> applied;
  {
    sql::Transaction tx(db());
    applied = sql::apply_migrations(db(), sql::migrations(), core::from_epoch_ms(1'700'000'000'000));
    tx.commit();
  }
  ASSERT_EQ(applied.size(), sql::migrations().size());
  EXPECT_EQ(sql::schema_version(db()), sql::migrations().back().version);
  {
    sql::Transaction tx(db());
    EXPECT_TRUE(sql::apply_migrations(db(), sql::migrations(), core::from_epoch_ms(0)).empty());
    tx.commit();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM categories"), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM articles"), 12);
  EXPECT_EQ(count("SELECT COUNT(*) FROM agent_groups"), 1);
  EXPECT_EQ(count("SELECT MIN(applied_at) FROM schema_migrations"), 1'700'000'000'000);
  // The seeded rules' keywords, one a line, are the same text on every engine.
  auto rule = db().prepare("SELECT cond_keywords FROM rules ORDER BY position");
  ASSERT_TRUE(rule.step());
  EXPECT_EQ(rule.text(0), "崩溃\n闪退\ncrash\ncrashes\ncrashed\ncrashing");
  ASSERT_TRUE(rule.step());
  EXPECT_EQ(rule.text(0), "数据丢失\n丢失数据\n聊天记录丢失\ndata loss\nlost data\nlost messages");
  // Seed rows name no ids, so the next id follows them on every engine.
  auto category = db().prepare("INSERT INTO categories (name_zh, name_en, position) VALUES (?, ?, ?) RETURNING id");
  category.bind_all("新分类", "New", 8);
  ASSERT_TRUE(category.step());
  EXPECT_EQ(category.int64(0), 8);
}

TEST_P(ConnectionContract, TableExistsSeesOnlyRealTables) {
  EXPECT_TRUE(sql::table_exists(db(), "notes"));
  EXPECT_FALSE(sql::table_exists(db(), "no_such_table"));
  EXPECT_EQ(sql::schema_version(db()), 0);
}

}  // namespace gongdan::storage::testing
