#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// When SQLite's FTS5 merges the search index's segments by itself (docs/performance.md, "Search
// merges"): by default after every commit that leaves 4 segments on a level, and those merges
// made whole batches of submissions wait (submission p99 35 ms with 4, 22-25 ms with 8). At 8,
// the server's search-index job (SqliteEngine::tidy_search_index) merges levels back to 4 while
// the writer is idle, so searches keep the speed they have at 4. PostgreSQL's GIN index has no
// such setting: there the migration only describes the table.
std::string_view search_merges() {
  return R"sql(
{{search_merge_policy}}
)sql";
}

}  // namespace gongdan::storage::migrations
