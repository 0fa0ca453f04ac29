// PostgreSQL only: how much of the search table a search page reads (docs/postgres.md, "Search
// on PostgreSQL"). The results are the same on both engines (search_index_writer_dbtest.cpp);
// this is about the plan: a rare word must not read every row, whatever the planner estimates.
#include "storage/repositories/ticket_list_query.hpp"

#include <gtest/gtest.h>

#include <string>

#include "storage/database.hpp"
#include "storage/testing/pg_test_database.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

constexpr std::int64_t kRows = 5'000;

// Rows of ticket_search read (by any scan) by one page of `text`, counted inside its transaction.
std::int64_t rows_read(Database& db, const std::string& text) {
  domain::TicketQuery query;
  query.text = text;
  query.limit = 20;
  auto list = TicketListQuery::make(query, sql::Dialect::kPostgres);
  EXPECT_TRUE(list.ok());
  auto read = db.store().read([&](sql::Connection& c) {
    // The backend's counts not yet reported, which grow with each scan: read before and after.
    const auto counted = [&c] {
      auto stats = c.prepare(
          "SELECT COALESCE(SUM(seq_tup_read + COALESCE(idx_tup_fetch, 0)), 0) FROM pg_stat_xact_user_tables "
          "WHERE relname = 'ticket_search'");
      stats.step();
      return stats.int64(0);
    };
    const std::int64_t before = counted();
    const auto page = list->run(c);
    EXPECT_FALSE(page.items.empty()) << text;
    return counted() - before;
  });
  EXPECT_TRUE(read.ok());
  return read.ok() ? *read : -1;
}

class SearchPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DatabaseOptions options;
    options.url = pg.url();
    db = Database::open(options);
    // Tickets written directly: many, quickly. Every one says `crash`; `zeta` is in three far
    // apart; `legacy` only in the oldest 200 (a word common once, gone since).
    auto written = db->store().write([](sql::Connection& c) -> core::Status {
      auto ticket = c.cached(
          "INSERT INTO tickets (number, category_id, subject, description, urgency, status, priority, guest_name, "
          "guest_email, created_at, updated_at) VALUES (?, 1, 's', 'd', 'normal', 'new', 1, 'G', 'g@example.com', "
          "?, ?) RETURNING id");
      auto row = c.cached("INSERT INTO ticket_search (ticket_id, tokens) VALUES (?, ?)");
      for (std::int64_t n = 1; n <= kRows; ++n) {
        ticket->bind_all(testing::TestDatabase::number(static_cast<std::uint32_t>(n)).str(), n, n);
        ticket->step();
        const std::int64_t id = ticket->int64(0);
        ticket->reset();
        std::string tokens = "crash app";
        if (n == 10 || n == 2'500 || n == 4'990) tokens += " zeta";
        if (n <= 200) tokens += " legacy";
        row->bind_all(id, tokens).run();
        row->reset();
      }
      return core::ok_status();
    });
    ASSERT_TRUE(written.ok()) << written.error().message;
  }

  testing::PgTestDatabase pg;
  std::unique_ptr<Database> db;
};

// Without statistics (a table autovacuum has not analyzed yet), the plain "ORDER BY id DESC
// LIMIT n" scanned all 5,000 rows backwards for a rare word; the page reads the newest 1,000 and
// asks the index for the rest.
TEST_F(SearchPlanTest, ARareWordReadsTheWindowAndTheIndexNotEveryRow) {
  EXPECT_LE(rows_read(*db, "zeta"), 1'000 + 10);
  EXPECT_LE(rows_read(*db, "legacy"), 1'000 + 200 + 10);
  EXPECT_LE(rows_read(*db, "crash"), 1'000);
  ASSERT_TRUE(db->store().write([](sql::Connection& c) -> core::Status {
    c.exec("ANALYZE ticket_search");
    return core::ok_status();
  }));
  EXPECT_LE(rows_read(*db, "zeta"), 1'000 + 10);
  EXPECT_LE(rows_read(*db, "legacy"), 1'000 + 200 + 10);
  EXPECT_LE(rows_read(*db, "crash"), 1'000);
}

}  // namespace
}  // namespace gongdan::storage
