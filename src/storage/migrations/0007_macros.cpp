#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Macros (docs/workspace.md): canned replies, shared (no owner) or one staff member's own. Same
// conventions as 0001: epoch ms, no CHECK on text enums.
std::string_view macros_schema() {
  return R"sql(
CREATE TABLE macros (
  id {{id}},
  owner_user_id BIGINT REFERENCES users (id),  -- NULL: shared by the team
  title TEXT NOT NULL,
  body TEXT NOT NULL,                  -- with placeholders, checked when saved
  internal INTEGER NOT NULL DEFAULT 0, -- posted as an internal note
  set_status TEXT,                     -- new | open | pending | resolved | closed, NULL: unchanged
  set_priority TEXT,                   -- low | normal | high | urgent, NULL: unchanged
  add_tags TEXT NOT NULL DEFAULT '',   -- comma list: tags never hold commas
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- The picker's list: the shared macros and one user's, by title.
CREATE INDEX macros_by_owner ON macros (owner_user_id, title);
)sql";
}

}  // namespace gongdan::storage::migrations
