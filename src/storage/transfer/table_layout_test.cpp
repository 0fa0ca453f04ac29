#include "storage/transfer/table_layout.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "storage/database.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage::transfer {
namespace {

TEST(TableLayoutTest, KindsFollowSqliteAffinityAndPostgresTypes) {
  EXPECT_EQ(sqlite_kind("INTEGER", false), ValueKind::kInteger);
  EXPECT_EQ(sqlite_kind("bigint", false), ValueKind::kInteger);
  EXPECT_EQ(sqlite_kind("BOOLEAN", false), ValueKind::kInteger);
  EXPECT_EQ(sqlite_kind("TEXT", false), ValueKind::kText);
  EXPECT_EQ(sqlite_kind("VARCHAR(64)", false), ValueKind::kText);
  EXPECT_EQ(sqlite_kind("", true), ValueKind::kText);  // an FTS5 column
  EXPECT_EQ(sqlite_kind("", false), ValueKind::kUnsupported);
  EXPECT_EQ(sqlite_kind("REAL", false), ValueKind::kUnsupported);
  EXPECT_EQ(sqlite_kind("BLOB", false), ValueKind::kUnsupported);
  EXPECT_EQ(postgres_kind("bigint"), ValueKind::kInteger);
  EXPECT_EQ(postgres_kind("integer"), ValueKind::kInteger);
  EXPECT_EQ(postgres_kind("boolean"), ValueKind::kBoolean);
  EXPECT_EQ(postgres_kind("text"), ValueKind::kText);
  EXPECT_EQ(postgres_kind("bytea"), ValueKind::kUnsupported);
  EXPECT_EQ(postgres_kind("double precision"), ValueKind::kUnsupported);
}

TEST(TableLayoutTest, QuotesIdentifiers) {
  EXPECT_EQ(quote_identifier("tickets"), "\"tickets\"");
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
}

TEST(TableLayoutTest, ReadsAMigratedSqliteDatabaseWithoutEngineTables) {
  testing::TempDir dir;
  core::FakeClock clock{core::from_epoch_ms(1'764'000'000'000)};
  auto db = Database::open({.data_dir = dir.path(), .clock = &clock});
  auto layout = db->store().read([](sql::Connection& c) { return read_layout(c); });
  ASSERT_TRUE(layout.ok());
  ASSERT_NE(layout->find("tickets"), nullptr);
  ASSERT_NE(layout->find("schema_migrations"), nullptr);
  for (const auto& table : layout->tables) {
    EXPECT_FALSE(table.name.starts_with("sqlite_")) << table.name;
    EXPECT_FALSE(table.name.starts_with("ticket_search_")) << table.name;  // FTS5's shadow tables
    for (const auto& column : table.columns) {
      EXPECT_NE(column.kind, ValueKind::kUnsupported) << table.name << "." << column.name << " " << column.type;
    }
  }

  const auto& tickets = *layout->find("tickets");
  EXPECT_FALSE(tickets.rowid_key);
  EXPECT_EQ(tickets.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(tickets.columns.front().name, "id");
  EXPECT_EQ(tickets.columns.front().expression, "\"id\"");
  EXPECT_EQ(tickets.columns.front().kind, ValueKind::kInteger);

  const auto& search = *layout->find("ticket_search");
  EXPECT_TRUE(search.rowid_key);
  EXPECT_EQ(search.primary_key, std::vector<std::string>{"rowid"});
  ASSERT_EQ(search.columns.size(), 2U);
  EXPECT_EQ(search.columns[0].expression, "rowid");
  EXPECT_EQ(search.columns[1].name, "tokens");
  EXPECT_EQ(search.columns[1].kind, ValueKind::kText);

  const auto& tags = *layout->find("ticket_tags");
  EXPECT_EQ(tags.primary_key, (std::vector<std::string>{"ticket_id", "tag"}));
  // SQLite's catalog names no foreign keys or sequences for the copy: the target's do.
  EXPECT_TRUE(layout->foreign_keys.empty());
}

}  // namespace
}  // namespace gongdan::storage::transfer
