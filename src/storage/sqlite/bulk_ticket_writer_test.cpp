#include "storage/sqlite/bulk_ticket_writer.hpp"

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/statement.hpp"
#include "storage/testing/temp_dir.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage::sqlite {
namespace {

using testing::TestDatabase;

constexpr std::int64_t kT0 = 1'764'000'000'000;

// Every index of the file, with its definition.
std::vector<std::string> indexes(Database& db) {
  auto listed = db.sqlite()->sqlite_store().read([](Connection& c) {
    auto statement =
        c.prepare("SELECT name || ': ' || COALESCE(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name");
    std::vector<std::string> names;
    while (statement.step()) names.push_back(statement.text(0));
    return names;
  });
  return listed.ok() ? *listed : std::vector<std::string>{};
}

// The schema, as any data folder has it, then the database left to the loader alone: its file
// and its indexes as the migrations define them.
std::pair<std::filesystem::path, std::vector<std::string>> migrated_folder(const storage::testing::TempDir& dir) {
  auto fresh = Database::open({.data_dir = dir.path()});
  return {fresh->sqlite()->path(), indexes(*fresh)};
}

// Ticket n as the loader hands it over: the customer's description and an agent's reply.
BulkTicket bulk_ticket(std::uint32_t n, const std::string& subject) {
  BulkTicket bulk;
  auto& t = bulk.ticket;
  t.number = TestDatabase::number(n);
  t.category_id = core::CategoryId{1};
  t.subject = subject;
  t.description = "更新以后打开群聊就闪退 " + std::to_string(n);
  t.customer = {std::nullopt, "访客 Guest", "guest" + std::to_string(n) + "@example.org"};
  t.created_at = core::from_epoch_ms(kT0 + n);
  t.updated_at = core::from_epoch_ms(kT0 + n + 3'600'000);
  bulk.messages.push_back(
      {{{std::nullopt, t.customer.name, domain::Role::kCustomer}, t.description, false, {}}, t.created_at});
  bulk.messages.push_back(
      {{{std::nullopt, "李娜", domain::Role::kAgent}, "Please update to 5.2.1.", false, {}}, t.updated_at});
  for (const std::string& text : {t.customer.name, t.customer.email, t.number.str(), t.subject, t.description,
                                  std::string("Please update to 5.2.1.")}) {
    bulk.search.add(text);
  }
  return bulk;
}

TEST(BulkTicketLoader, WritesWhatTheRepositoryReadsBackAndSearchFinds) {
  storage::testing::TempDir dir;
  const auto [file, schema_indexes] = migrated_folder(dir);
  {
    BulkTicketLoader loader(file);
    const std::vector<BulkTicket> batch{bulk_ticket(1, "打开群聊就闪退"), bulk_ticket(2, "Cannot log in")};
    loader.write(batch);
    loader.write(std::vector<BulkTicket>{bulk_ticket(3, "语音消息发送失败")});
    loader.build_indexes();
    loader.finish();
  }
  auto db = Database::open({.data_dir = dir.path()});
  ASSERT_GT(schema_indexes.size(), 20U);
  EXPECT_EQ(indexes(*db), schema_indexes) << "the indexes dropped for the load are all built again";
  const auto first = db->tickets().find_by_number(TestDatabase::number(1));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->subject, "打开群聊就闪退");
  EXPECT_TRUE(first->group_id.has_value()) << "a loaded ticket joins a group like a submitted one";
  const auto messages = db->tickets().messages(first->id, true);
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[0].body, first->description);
  EXPECT_EQ(messages[1].author.role, domain::Role::kAgent);

  domain::TicketQuery query;
  query.text = "闪退";
  query.limit = 10;
  auto found = db->tickets().list(query);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->items.size(), 3U) << "every description holds 闪退";
  query.text = "5.2.1";
  EXPECT_EQ(db->tickets().list(query)->items.size(), 3U) << "replies are indexed too";

  // finish() leaves a normal WAL database behind.
  auto mode = db->sqlite()->sqlite_store().read([](Connection& c) {
    auto statement = c.prepare("PRAGMA journal_mode");
    statement.step();
    return statement.text(0);
  });
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ(*mode, "wal");
  // ... whose search index merges as the schema says (migration 11), not as SQLite's default.
  auto automerge = db->sqlite()->sqlite_store().read([](Connection& c) {
    auto statement = c.prepare("SELECT v FROM ticket_search_config WHERE k = 'automerge'");
    return statement.step() ? statement.int64(0) : -1;
  });
  ASSERT_TRUE(automerge.ok());
  EXPECT_EQ(*automerge, 8);
}

// A load that fails or is killed before its indexes are built must not leave a folder without
// them: such a folder still holds no tickets, so bench-load takes it again, and that load builds
// what the first one dropped before it drops them itself.
TEST(BulkTicketLoader, ALoadThatNeverFinishesLeavesItsIndexesToTheNextLoad) {
  storage::testing::TempDir dir;
  const auto [file, schema_indexes] = migrated_folder(dir);
  { BulkTicketLoader abandoned(file); }
  {
    auto db = Database::open({.data_dir = dir.path()});
    EXPECT_NE(indexes(*db), schema_indexes) << "the abandoned load dropped them";
  }
  {
    BulkTicketLoader loader(file);
    loader.write(std::vector<BulkTicket>{bulk_ticket(1, "first")});
    loader.finish();
  }
  auto db = Database::open({.data_dir = dir.path()});
  EXPECT_EQ(indexes(*db), schema_indexes);
  EXPECT_TRUE(db->tickets().find_by_number(TestDatabase::number(1)).has_value());
}

TEST(BulkTicketLoader, ABatchWithADuplicateNumberLeavesNothingOfThatBatch) {
  storage::testing::TempDir dir;
  const std::filesystem::path file = Database::open({.data_dir = dir.path()})->sqlite()->path();
  BulkTicketLoader loader(file);
  loader.write(std::vector<BulkTicket>{bulk_ticket(1, "first")});
  EXPECT_THROW(loader.write(std::vector<BulkTicket>{bulk_ticket(2, "second"), bulk_ticket(1, "again")}),
               sql::DatabaseError);
  loader.finish();
  auto db = Database::open({.data_dir = dir.path()});
  EXPECT_TRUE(db->tickets().find_by_number(TestDatabase::number(1)).has_value());
  EXPECT_FALSE(db->tickets().find_by_number(TestDatabase::number(2)).has_value());
}

}  // namespace
}  // namespace gongdan::storage::sqlite
