#include "storage/sqlite/bulk_search_index.hpp"

#include <gtest/gtest.h>

#include "domain/search/search_tokens.hpp"
#include "storage/database.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/statement.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage::sqlite {
namespace {

// A migrated database file, left to the caller alone.
std::filesystem::path migrated_file(const storage::testing::TempDir& dir) {
  return Database::open({.data_dir = dir.path()})->sqlite()->path();
}

Connection open(const std::filesystem::path& file) {
  return Connection(file, Connection::Mode::kReadWrite, std::chrono::milliseconds(1000));
}

std::string tokens(std::string_view text) {
  domain::SearchDocument document;
  document.add(text);
  return document.text();
}

std::int64_t count(Connection& db, const std::string& sql) {
  auto query = db.prepare(sql);
  return query.step() ? query.int64(0) : -1;
}

// The side file's index, copied in, is the index the table would have had from its own inserts:
// FTS5's own integrity check reads every document again and compares.
TEST(BulkSearchIndex, CopiesAnIndexThatFindsWhatItsDocumentsSayAndPassesFts5sCheck) {
  storage::testing::TempDir dir;
  const auto file = migrated_file(dir);
  const auto side = BulkSearchIndex::side_file(file);
  {
    Connection db = open(file);
    BulkSearchIndex index(db, side);
    EXPECT_TRUE(std::filesystem::exists(side));
    std::vector<BulkSearchIndex::Row> rows;
    for (std::int64_t id = 1; id <= 300; ++id) {
      rows.push_back({id, tokens(id % 3 == 0 ? "更新以后打开群聊就闪退" : "Cannot log in after update")});
      if (rows.size() == 50) index.add(std::exchange(rows, {}));  // several batches, several segments
    }
    index.end_input();
    index.copy_into(db);
    EXPECT_FALSE(std::filesystem::exists(side)) << "the side file goes once copied";
  }
  Connection db = open(file);
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH '闪退'"), 100);
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH 'log'"), 200);
  EXPECT_EQ(
      count(db, "SELECT tokens = '" + tokens("Cannot log in after update") + "' FROM ticket_search WHERE rowid = 1"),
      1);
  EXPECT_NO_THROW(db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('integrity-check', 1)"));
  EXPECT_EQ(count(db, "SELECT v FROM ticket_search_config WHERE k = 'automerge'"), 8)
      << "the database keeps its own settings, not the side file's";
  // And the table goes on as any other: a later document is indexed and found with the copied ones.
  db.exec("INSERT INTO ticket_search (rowid, tokens) VALUES (301, '" + tokens("又闪退了") + "')");
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH '闪退'"), 101);
  EXPECT_NO_THROW(db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('integrity-check', 1)"));
}

TEST(BulkSearchIndex, RefusesToReplaceASearchTableThatHoldsDocuments) {
  storage::testing::TempDir dir;
  const auto file = migrated_file(dir);
  {
    Connection db = open(file);
    db.exec("INSERT INTO ticket_search (rowid, tokens) VALUES (7, 'kept')");
  }
  Connection db = open(file);
  BulkSearchIndex index(db, BulkSearchIndex::side_file(file));
  index.add({{1, "new"}});
  EXPECT_THROW(index.copy_into(db), SqliteError);
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH 'kept'"), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH 'new'"), 0);
  EXPECT_FALSE(db.in_transaction());
}

TEST(BulkSearchIndex, AFailureOnItsThreadReachesTheLoader) {
  storage::testing::TempDir dir;
  const auto file = migrated_file(dir);
  Connection db = open(file);
  BulkSearchIndex index(db, BulkSearchIndex::side_file(file));
  index.add({{1, "first"}});
  index.add({{1, "again"}});  // the same ticket twice: the side table's rowid is taken
  EXPECT_THROW(index.copy_into(db), SqliteError);
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search_content"), 0) << "nothing was copied";
}

TEST(BulkSearchIndex, AnAbandonedIndexRemovesItsFileAndALeftoverOneIsReplaced) {
  storage::testing::TempDir dir;
  const auto file = migrated_file(dir);
  const auto side = BulkSearchIndex::side_file(file);
  Connection db = open(file);
  {
    BulkSearchIndex abandoned(db, side);
    abandoned.add({{1, "lost"}});
  }
  EXPECT_FALSE(std::filesystem::exists(side));
  {
    Connection leftover = open(side);  // what a killed load leaves: a file with other content
    leftover.exec("CREATE TABLE unrelated (x)");
  }
  BulkSearchIndex index(db, side);
  index.add({{2, "found"}});
  index.copy_into(db);
  EXPECT_EQ(count(db, "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH 'found'"), 1);
}

}  // namespace
}  // namespace gongdan::storage::sqlite
