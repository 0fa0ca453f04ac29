#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// The agent workspace (docs/workspace.md): groups and their members, assignment, tags, the
// columns the queue views sort by. Existing tickets join the default group.
std::string_view workspace_schema() {
  return R"sql(
CREATE TABLE agent_groups (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  assignment TEXT NOT NULL DEFAULT 'manual',   -- manual | round_robin | least_load
  last_assignee_id BIGINT REFERENCES users (id) ON DELETE SET NULL  -- round robin's last pick
);
CREATE TABLE group_members (
  group_id BIGINT NOT NULL REFERENCES agent_groups (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members (user_id, group_id);
-- The default group: the lowest id takes tickets whose category names none.
INSERT INTO agent_groups (name, assignment) VALUES ('一线支持 First line', 'manual');

ALTER TABLE users ADD COLUMN away INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN group_id BIGINT REFERENCES agent_groups (id);
ALTER TABLE tickets ADD COLUMN group_id BIGINT REFERENCES agent_groups (id);
ALTER TABLE tickets ADD COLUMN assignee_user_id BIGINT REFERENCES users (id);
ALTER TABLE tickets ADD COLUMN last_customer_message_at BIGINT;
ALTER TABLE tickets ADD COLUMN first_response_due_at BIGINT;
ALTER TABLE tickets ADD COLUMN merged_into_ticket_id BIGINT REFERENCES tickets (id);  -- set by a merge
UPDATE tickets SET group_id = (SELECT MIN(id) FROM agent_groups), last_customer_message_at = created_at;

CREATE TABLE ticket_tags (
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  tag TEXT NOT NULL,                   -- normalized by the domain (ticket_tags.hpp)
  PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_by_tag ON ticket_tags (tag, ticket_id);

-- The views: a group's or an assignee's queue in priority order, and the other sorts.
CREATE INDEX tickets_group_queue ON tickets (group_id, status, priority DESC, created_at, id);
CREATE INDEX tickets_assignee_queue ON tickets (assignee_user_id, status, priority DESC, created_at, id);
CREATE INDEX tickets_by_age ON tickets (status, created_at, id);
CREATE INDEX tickets_by_customer_message ON tickets (status, last_customer_message_at DESC, id DESC);
CREATE INDEX tickets_by_due ON tickets (status, first_response_due_at, id);
)sql";
}

}  // namespace gongdan::storage::migrations
