#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Full-text search (docs/workspace.md, Search): one row per ticket holding the search tokens
// (domain/search) of its number, subject, description, every message and internal note, and its
// customer's name and email, space-separated. The engine's table and index come from the
// {{search_index}} placeholder (sql/dialect.hpp). The rows of tickets that exist already are
// filled in by the program right after this migration, in the same transaction
// (rebuild_search_index, storage/repositories/search_index_writer), because the tokens come from C++, not SQL.
std::string_view search_schema() {
  return R"sql(
{{search_index}}
)sql";
}

}  // namespace gongdan::storage::migrations
