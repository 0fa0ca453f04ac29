#include "storage/sqlite/migrator.hpp"

#include <gtest/gtest.h>

#include <array>

#include "storage/sql/migration.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::TestDatabase;

TEST(MigratorTest, AFreshDatabaseIsMigratedToTheNewestVersionOnOpen) {
  TestDatabase t;
  const auto version = t.db->schema_version();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, sql::migrations().back().version);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM schema_migrations"), static_cast<std::int64_t>(sql::migrations().size()));
  EXPECT_EQ(t.count("SELECT MIN(applied_at) FROM schema_migrations"), core::to_epoch_ms(t.clock.now()));
}

// Migration 11: FTS5 merges a level's segments at 8, not at SQLite's 4 (docs/performance.md).
TEST(MigratorTest, TheSearchIndexMergesAtEightSegmentsALevel) {
  TestDatabase t;
  EXPECT_EQ(t.count("SELECT v FROM ticket_search_config WHERE k = 'automerge'"), 8);
}

TEST(MigratorTest, MigratingAgainAppliesNothing) {
  TestDatabase t;
  const auto again = t.db->migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM categories"), 7);
}

TEST(MigratorTest, ReopeningAMigratedDatabaseKeepsItsData) {
  TestDatabase t;
  t.add_user("wang@example.com");
  t.db.reset();
  t.db = Database::open({.data_dir = t.dir.path()});
  EXPECT_TRUE(t.db->users().find_by_email("wang@example.com").has_value());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM categories"), 7);
}

TEST(MigratorTest, OpeningWithoutMigrateLeavesAnEmptySchema) {
  testing::TempDir dir;
  DatabaseOptions options;
  options.migrate = false;
  options.data_dir = dir.path();
  auto db = Database::open(options);
  EXPECT_EQ(*db->schema_version(), 0);
  const auto applied = db->migrate();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->size(), sql::migrations().size());
  EXPECT_EQ(applied->front(), 1);
}

TEST(MigratorTest, TheMailMigrationUpgradesADatabaseAtVersionTwo) {
  testing::TempDir dir;
  DatabaseOptions options;
  options.migrate = false;
  options.data_dir = dir.path();
  auto db = Database::open(options);
  // A database as the previous release left it: migrations 1 and 2, with a user.
  auto old = db->sqlite()->sqlite_store().write([](sqlite::Connection& c) -> core::Status {
    sqlite::apply_migrations(c, sql::migrations().first(2), core::from_epoch_ms(0));
    c.exec(
        "INSERT INTO users (email, name, role, locale, password_hash, created_at) "
        "VALUES ('wang@example.com', 'Wang', 'customer', 'zh-CN', 'hash', 0)");
    return core::ok_status();
  });
  ASSERT_TRUE(old.ok());
  ASSERT_EQ(*db->schema_version(), 2);

  const auto applied = db->migrate();
  ASSERT_TRUE(applied.ok());
  std::vector<int> newer;  // 3 (mail) and whatever came after it
  for (const auto& migration : sql::migrations()) {
    if (migration.version > 2) newer.push_back(migration.version);
  }
  EXPECT_EQ(*applied, newer);
  const auto user = db->users().find_by_email("wang@example.com");
  ASSERT_TRUE(user.has_value());
  EXPECT_FALSE(user->email_verified_at.has_value());
  EXPECT_TRUE(db->inbound_log().claim("m@x", "wang@example.com", core::from_epoch_ms(0), core::from_epoch_ms(0)).ok());
  EXPECT_TRUE(db->outbox().list({}).ok());
}

TEST(MigratorTest, TheWorkspaceMigrationPutsExistingTicketsInTheDefaultGroup) {
  testing::TempDir dir;
  DatabaseOptions options;
  options.migrate = false;
  options.data_dir = dir.path();
  auto db = Database::open(options);
  const auto number = domain::TicketNumber::make({2026, 11, 25}, {1, 2, 3, 4, 5}).str();
  auto old = db->sqlite()->sqlite_store().write([&number](sqlite::Connection& c) -> core::Status {
    sqlite::apply_migrations(c, sql::migrations().first(3), core::from_epoch_ms(0));
    c.exec(
        "INSERT INTO tickets (number, category_id, subject, description, urgency, status, priority, guest_name, "
        "guest_email, created_at, updated_at) VALUES ('" +
        number + "', 1, 's', 'd', 'normal', 'open', 1, 'G', 'g@example.com', 1000, 2000)");
    return core::ok_status();
  });
  ASSERT_TRUE(old.ok());
  ASSERT_TRUE(db->migrate().ok());
  const auto ticket = db->tickets().find_by_id(core::TicketId{1});
  ASSERT_TRUE(ticket.has_value());
  ASSERT_TRUE(ticket->group_id.has_value());
  EXPECT_EQ(ticket->group_name, "一线支持 First line");
  EXPECT_FALSE(ticket->assignee_id.has_value());
  EXPECT_EQ(ticket->last_customer_message_at, core::from_epoch_ms(1000));
}

TEST(MigratorTest, AVersionLeftFreeAndFilledLaterIsStillApplied) {
  TestDatabase t;
  const std::array<sql::Migration, 2> first{
      {{100, "a", "CREATE TABLE gap_a (x INTEGER);"}, {102, "c", "CREATE TABLE gap_c (x INTEGER);"}}};
  const std::array<sql::Migration, 3> later{{{100, "a", "CREATE TABLE gap_a (x INTEGER);"},
                                             {101, "b", "CREATE TABLE gap_b (x INTEGER);"},
                                             {102, "c", "CREATE TABLE gap_c (x INTEGER);"}}};
  auto applied = t.db->sqlite()->sqlite_store().write([&](sqlite::Connection& c) -> core::Result<std::vector<int>> {
    auto a = sqlite::apply_migrations(c, first, core::from_epoch_ms(0));
    auto b = sqlite::apply_migrations(c, later, core::from_epoch_ms(0));
    a.insert(a.end(), b.begin(), b.end());
    return a;
  });
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, (std::vector<int>{100, 102, 101}));
}

TEST(MigratorTest, ASchemaNewerThanTheProgramIsRefused) {
  TestDatabase t;
  auto bumped = t.db->sqlite()->sqlite_store().write([](sqlite::Connection& db) -> core::Status {
    db.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)");
    return core::ok_status();
  });
  ASSERT_TRUE(bumped.ok());
  const auto refused = t.db->migrate();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("newer"), std::string::npos);
  t.db.reset();
  EXPECT_THROW(Database::open({.data_dir = t.dir.path()}), StorageError);
}

TEST(MigratorTest, TheDatabaseUsesWalAndForeignKeys) {
  TestDatabase t;
  auto settings = t.db->sqlite()->sqlite_store().write([](sqlite::Connection& db) -> core::Result<std::string> {
    auto journal = db.prepare("PRAGMA journal_mode");
    journal.step();
    auto synchronous = db.prepare("PRAGMA synchronous");
    synchronous.step();
    auto foreign_keys = db.prepare("PRAGMA foreign_keys");
    foreign_keys.step();
    return journal.text(0) + "," + synchronous.text(0) + "," + foreign_keys.text(0);
  });
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(*settings, "wal,2,1");  // synchronous 2 = FULL
}

}  // namespace
}  // namespace gongdan::storage
