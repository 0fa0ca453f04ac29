#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

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

// 30 steps of the job, 10 ms apart (the server's are 500 ms apart): how many merged. A step may
// find the writer still finishing the last batch, or count it as load, and merge nothing; the
// steps after it see an idle writer.
int merges_in_steps(TestDatabase& t) {
  int merges = 0;
  for (int step = 0; step < 30; ++step) {
    merges += t.db->tidy_search_index();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return merges;
}

// Migration 11 lets FTS5 leave up to 8 segments a level; the idle writer's job merges at 4.
TEST(SearchIndexTidying, MergesALevelOfFourOrMoreSegmentsAndThenHasNothingToDo) {
  TestDatabase t;
  commit_search_rows(t, 1, 3);
  EXPECT_EQ(merges_in_steps(t), 0) << "three segments: nothing to merge yet";
  commit_search_rows(t, 4, 4);  // seven segments, still under FTS5's own threshold of 8
  EXPECT_GE(merges_in_steps(t), 1);
  EXPECT_EQ(merges_in_steps(t), 0) << "merged down: nothing left to do";
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_search WHERE ticket_search MATCH '\"闪退\"'"), 7)
      << "every row is still found after the merge";
}

}  // namespace
}  // namespace gongdan::storage::sqlite
