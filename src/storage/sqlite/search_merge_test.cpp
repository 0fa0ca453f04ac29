#include <gtest/gtest.h>

#include <string>

#include "storage/sqlite/sqlite_engine.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage::sqlite {
namespace {

using storage::testing::TestDatabase;

// One search row per commit: each commit leaves one more segment on FTS5's first level.
void commit_search_rows(TestDatabase& t, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    auto written = t.db->sqlite()->sqlite_store().write([i](Connection& db) -> core::Result<bool> {
      auto insert = db.prepare("INSERT INTO ticket_search (rowid, tokens) VALUES (?, ?)");
      insert.bind(1, static_cast<std::int64_t>(i));
      insert.bind(2, std::string("闪退 crash 第") + std::to_string(i));
      insert.run();
      return true;
    });
    ASSERT_TRUE(written.ok());
  }
}

// Steps the job would take now, until one finds nothing to do (at most 20). A step right after
// writes may only take the writer's load and merge nothing.
int merges_until_done(TestDatabase& t) {
  int merges = 0;
  for (int step = 0; step < 20; ++step) merges += t.db->tidy_search_index();
  return merges;
}

// Migration 11 lets FTS5 leave up to 8 segments a level; the idle writer's job merges at 4.
TEST(SearchIndexTidying, MergesALevelOfFourOrMoreSegmentsAndThenHasNothingToDo) {
  TestDatabase t;
  commit_search_rows(t, 1, 3);
  EXPECT_EQ(merges_until_done(t), 0) << "three segments: nothing to merge yet";
  commit_search_rows(t, 4, 4);  // seven segments, still under FTS5's own threshold of 8
  EXPECT_GE(merges_until_done(t), 1);
  EXPECT_EQ(merges_until_done(t), 0) << "merged down: nothing left to do";
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_search WHERE ticket_search MATCH '\"闪退\"'"), 7)
      << "every row is still found after the merge";
}

}  // namespace
}  // namespace gongdan::storage::sqlite
