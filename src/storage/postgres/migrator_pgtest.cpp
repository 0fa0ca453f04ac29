#include "storage/postgres/migrator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::PgTestDatabase;

std::int64_t count(sql::Connection& db, std::string_view sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st.step());
  return st.int64(0);
}

class PgMigratorTest : public ::testing::Test {
 protected:
  PgTestDatabase database_;
  postgres::Connection db_{database_.url()};
};

TEST_F(PgMigratorTest, EveryMigrationAppliesOnPostgresThenAgainIsANoOp) {
  const auto applied = postgres::migrate(db_, sql::migrations(), core::from_epoch_ms(1'700'000'000'000));
  ASSERT_EQ(applied.size(), sql::migrations().size());
  EXPECT_EQ(applied.front(), 1);
  EXPECT_EQ(sql::schema_version(db_), sql::migrations().back().version);
  EXPECT_FALSE(db_.in_transaction());

  EXPECT_TRUE(postgres::migrate(db_, sql::migrations(), core::from_epoch_ms(0)).empty());
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM schema_migrations"), static_cast<std::int64_t>(sql::migrations().size()));
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM categories"), 7);
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM rules"), 2);
  // Ids are identities: a row added after the seed follows it.
  auto group = db_.prepare("INSERT INTO agent_groups (name) VALUES (?) RETURNING id");
  group.bind(1, "二线 Second line");
  ASSERT_TRUE(group.step());
  EXPECT_EQ(group.int64(0), 2);
}

TEST_F(PgMigratorTest, ProcessesMigratingAtOnceApplyEachVersionOnce) {
  std::array<std::vector<int>, 3> applied;
  std::vector<std::thread> processes;
  for (std::size_t i = 0; i < applied.size(); ++i) {
    processes.emplace_back([&, i] {
      postgres::Connection own(database_.url());
      applied[i] = postgres::migrate(own, sql::migrations(), core::from_epoch_ms(0));
    });
  }
  for (auto& process : processes) process.join();
  std::size_t total = 0;
  for (const auto& versions : applied) total += versions.size();
  EXPECT_EQ(total, sql::migrations().size());
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM categories"), 7);
}

TEST_F(PgMigratorTest, AFailingMigrationLeavesTheSchemaAsItWas) {
  const std::array<sql::Migration, 2> list{{
      {1, "fine", "CREATE TABLE a (id {{id}});"},
      {2, "broken", "CREATE TABLE b (id {{id}}); CREATE TABLE a (id {{id}});"},
  }};
  EXPECT_THROW(postgres::migrate(db_, list, core::from_epoch_ms(0)), sql::DatabaseError);
  EXPECT_FALSE(db_.in_transaction());
  EXPECT_FALSE(sql::table_exists(db_, "a"));
  EXPECT_FALSE(sql::table_exists(db_, "b"));
  EXPECT_EQ(sql::schema_version(db_), 0);
}

TEST_F(PgMigratorTest, ANewerSchemaIsRefused) {
  postgres::migrate(db_, sql::migrations(), core::from_epoch_ms(0));
  EXPECT_THROW(postgres::migrate(db_, sql::migrations().first(2), core::from_epoch_ms(0)), std::runtime_error);
  EXPECT_FALSE(db_.in_transaction());
}

TEST_F(PgMigratorTest, AfterMigrationRunsInTheSameTransaction) {
  std::vector<int> seen;
  postgres::migrate(db_, sql::migrations(), core::from_epoch_ms(0), [&](sql::Connection& db, int version) {
    EXPECT_TRUE(db.in_transaction());
    seen.push_back(version);
  });
  EXPECT_EQ(seen.size(), sql::migrations().size());
}

// The {{search_index}} of PostgreSQL (sql/dialect.hpp): whole tokens and one-character prefixes
// are array elements, found through the GIN index.
TEST_F(PgMigratorTest, TheSearchIndexFindsTokensAndOneCharacterPrefixes) {
  postgres::migrate(db_, sql::migrations(), core::from_epoch_ms(0));
  db_.exec(
      "INSERT INTO users (email, name, role, locale, password_hash, created_at) "
      "VALUES ('li@example.com', 'Li', 'customer', 'zh-CN', 'x', 0)");
  auto ticket = db_.prepare(
      "INSERT INTO tickets (number, category_id, subject, description, urgency, status, priority, "
      "customer_user_id, created_at, updated_at) VALUES (?, 1, 's', 'd', 'normal', 'new', 1, 1, 0, 0) RETURNING id");
  auto index = db_.cached("INSERT INTO ticket_search (ticket_id, tokens) VALUES (?, ?)");
  ticket.bind(1, "261125-AAAAAA");
  ASSERT_TRUE(ticket.step());
  index->bind_all(ticket.int64(0), "应用 用闪 闪退 退了 了 crash android").run();
  index->reset();
  ticket.reset();
  ticket.bind(1, "261125-BBBBBB");
  ASSERT_TRUE(ticket.step());
  index->bind_all(ticket.int64(0), "密码 码 login").run();

  const auto find = [&](std::string_view terms) {
    auto st = db_.cached(
        "SELECT COALESCE(string_agg(CAST(ticket_id AS TEXT), ',' ORDER BY ticket_id), '') FROM ticket_search "
        "WHERE gongdan_search_terms(tokens) @> string_to_array(?, ' ')");
    st->bind(1, terms);
    st->step();
    return st->text(0);
  };
  EXPECT_EQ(find("闪退"), "1");
  EXPECT_EQ(find("闪退 crash"), "1");
  EXPECT_EQ(find("闪退 login"), "");
  EXPECT_EQ(find("闪*"), "1");  // 闪 as a query: a prefix term
  EXPECT_EQ(find("码*"), "2");
  EXPECT_EQ(find("login"), "2");
  EXPECT_EQ(find("log"), "");  // Latin words match whole, as on SQLite
  EXPECT_EQ(find("c*"), "");   // and only CJK characters are prefixes

  db_.exec("SET enable_seqscan = off");
  auto plan = db_.prepare("EXPLAIN SELECT ticket_id FROM ticket_search WHERE gongdan_search_terms(tokens) @> ?");
  plan.bind(1, "{闪*}");
  std::string text;
  while (plan.step()) text += plan.text(0) + "\n";
  EXPECT_NE(text.find("ticket_search_terms"), std::string::npos) << text;
}

}  // namespace
}  // namespace gongdan::storage
