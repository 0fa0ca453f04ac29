#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// How often SQLite's FTS5 merges the search index's segments (docs/performance.md, "Search
// merges"): by default after every commit that leaves 4 segments on a level, and the merges that
// add up make one batch of submissions wait for them: the submission p99 was 35 ms with 4 and
// 22-25 ms with 8, the index then holding at most 8 segments a level instead of 4. PostgreSQL's
// GIN index has no such setting: there the migration only describes the table.
std::string_view search_merges() {
  return R"sql(
{{search_merge_policy}}
)sql";
}

}  // namespace gongdan::storage::migrations
