// SQLite only: the FTS5 search table filled for tickets stored before migration 5 (a PostgreSQL
// database starts at the latest schema). The rest of the search index is in
// repositories/search_index_writer_dbtest.cpp, on both engines.
#include <gtest/gtest.h>

#include "domain/tickets/ticket.hpp"
#include "storage/database.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sqlite/migrator.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage {
namespace {

TEST(SearchIndexBackfill, MigrationFiveIndexesTicketsStoredBeforeIt) {
  // A database as a release before search left it: migrations 1 to 4, with two tickets.
  testing::TempDir dir;
  DatabaseOptions options;
  options.migrate = false;
  options.data_dir = dir.path();
  auto db = Database::open(options);
  const auto a = domain::TicketNumber::make({2026, 11, 25}, {1, 2, 3, 4, 5}).str();
  const auto b = domain::TicketNumber::make({2026, 11, 25}, {5, 4, 3, 2, 1}).str();
  auto old = db->sqlite()->sqlite_store().write([&](sqlite::Connection& c) -> core::Status {
    sqlite::apply_migrations(c, sql::migrations().first(4), core::from_epoch_ms(0));
    for (const auto& [number, subject] :
         {std::pair{a, std::string("应用闪退")}, std::pair{b, std::string("无法登录")}}) {
      c.exec(
          "INSERT INTO tickets (number, category_id, subject, description, urgency, status, priority, guest_name, "
          "guest_email, created_at, updated_at) VALUES ('" +
          number + "', 1, '" + subject + "', '登录以后', 'normal', 'open', 1, 'G', 'g@example.com', 1000, 2000)");
    }
    return core::ok_status();
  });
  ASSERT_TRUE(old.ok());
  auto applied = db->migrate();
  ASSERT_TRUE(applied.ok());
  ASSERT_FALSE(applied->empty());
  EXPECT_EQ(applied->front(), 5);
  const auto count = [&](const std::string& sql) {
    return *db->sqlite()->sqlite_store().read([&](sqlite::Connection& c) {
      auto q = c.prepare(sql);
      return q.step() ? q.int64(0) : -1;
    });
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_search"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_search WHERE ticket_search MATCH '\"登录\"'"), 2);
  // Applying again changes nothing.
  ASSERT_TRUE(db->migrate()->empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_search"), 2);
}

}  // namespace
}  // namespace gongdan::storage
