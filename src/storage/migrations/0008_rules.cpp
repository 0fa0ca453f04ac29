#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Automation rules (docs/workspace.md "Automation rules") and the ticket's channel. Condition lists
// are stored as text lists: ids, names and tags are comma-separated (none holds a comma),
// keywords one a line (none holds a line break). The two shipped rules keep the support guide's
// promise that crash and data-loss reports are treated as urgent.
std::string_view rules_schema() {
  return R"sql(
CREATE TABLE rules (
  id {{id}},
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position INTEGER NOT NULL,
  event TEXT NOT NULL,                      -- created | updated | both
  cond_categories TEXT NOT NULL DEFAULT '', -- category ids
  cond_keywords TEXT NOT NULL DEFAULT '',   -- one a line
  cond_channels TEXT NOT NULL DEFAULT '',   -- web, mail
  cond_customers TEXT NOT NULL DEFAULT '',  -- addresses and @domains, lower-case
  cond_priorities TEXT NOT NULL DEFAULT '',
  cond_statuses TEXT NOT NULL DEFAULT '',
  set_priority TEXT,
  set_group_id BIGINT REFERENCES agent_groups (id) ON DELETE SET NULL,
  set_assignee_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  add_tags TEXT NOT NULL DEFAULT '',
  internal_note TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rules_in_order ON rules (position, id);

-- The keyword lists hold real line breaks between the quotes: one keyword a line, written the
-- same way for every engine (SQLite's char(10) is chr(10) in PostgreSQL).
INSERT INTO rules (name, position, event, cond_keywords, set_priority, add_tags) VALUES
  ('崩溃/闪退 → 紧急 Crash → urgent', 1, 'created', '崩溃
闪退
crash
crashes
crashed
crashing', 'urgent', 'crash'),
  ('数据丢失 → 紧急 Data loss → urgent', 2, 'created', '数据丢失
丢失数据
聊天记录丢失
data loss
lost data
lost messages', 'urgent', 'data-loss');

ALTER TABLE tickets ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';  -- web | mail
UPDATE tickets SET channel = 'mail' WHERE env_platform = 'email';
)sql";
}

}  // namespace gongdan::storage::migrations
