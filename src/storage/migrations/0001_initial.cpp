#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// The first schema. Times are epoch milliseconds (UTC); booleans are 0/1; see sql/dialect.hpp.
// Text enums (status, role, event type) carry no CHECK: adding a value later must not need a
// table rebuild in SQLite. The repository maps unknown values defensively instead.
std::string_view initial_schema() {
  return R"sql(
CREATE TABLE users (
  id {{id}},
  email TEXT NOT NULL UNIQUE,          -- lower-cased by the repository
  name TEXT NOT NULL,
  role TEXT NOT NULL,                  -- customer | agent | admin
  locale TEXT NOT NULL,                -- zh-CN | en
  password_hash TEXT NOT NULL,         -- Argon2id string
  created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,       -- SHA-256 of the token: the token itself is never stored
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE categories (
  id {{id}},
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE articles (
  id {{id}},
  slug TEXT NOT NULL,
  locale TEXT NOT NULL,                -- zh-CN | en: one row per language
  title TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  category TEXT NOT NULL,              -- display label in the row's language
  position INTEGER NOT NULL,
  UNIQUE (slug, locale)
);

CREATE TABLE tickets (
  id {{id}},
  number TEXT NOT NULL UNIQUE,         -- YYMMDD-XXXXXC; the unique index serves lookups by number
  category_id BIGINT NOT NULL REFERENCES categories (id),
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  occurred_at BIGINT,
  env_platform TEXT NOT NULL DEFAULT '',
  env_os TEXT NOT NULL DEFAULT '',
  env_app_version TEXT NOT NULL DEFAULT '',
  env_device TEXT NOT NULL DEFAULT '',
  urgency TEXT NOT NULL,               -- normal | urgent, as the customer said
  status TEXT NOT NULL,                -- new | open | pending | resolved | closed
  priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 3),  -- low..urgent, numeric so it sorts
  customer_user_id BIGINT REFERENCES users (id),               -- NULL for guests
  guest_name TEXT,
  guest_email TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  resolved_at BIGINT,
  closed_at BIGINT,
  -- Exactly one owner: a registered customer, or a guest known by name and email.
  CHECK ((customer_user_id IS NOT NULL AND guest_email IS NULL)
      OR (customer_user_id IS NULL AND guest_name IS NOT NULL AND guest_email IS NOT NULL))
);
-- My tickets: one customer's, most recent activity first.
CREATE INDEX tickets_by_customer_activity ON tickets (customer_user_id, updated_at DESC, id DESC);
-- Every ticket by recent activity.
CREATE INDEX tickets_by_activity ON tickets (updated_at DESC, id DESC);
-- The agents' queue: urgent first, then oldest first, within a status and across all.
CREATE INDEX tickets_queue_by_status ON tickets (status, priority DESC, created_at, id);
CREATE INDEX tickets_queue ON tickets (priority DESC, created_at, id);
-- Guest lookups by email.
CREATE INDEX tickets_by_guest_email ON tickets (guest_email);

CREATE TABLE messages (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  author_user_id BIGINT REFERENCES users (id),                 -- NULL for guests and the system
  author_name TEXT NOT NULL,
  author_role TEXT NOT NULL,
  body TEXT NOT NULL,
  internal INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),  -- 1: staff-only note
  created_at BIGINT NOT NULL
);
CREATE INDEX messages_by_ticket ON messages (ticket_id, created_at, id);

CREATE TABLE attachments (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  message_id BIGINT NOT NULL REFERENCES messages (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,          -- detected from the bytes, never from the name
  size BIGINT NOT NULL CHECK (size >= 0),
  storage_key TEXT NOT NULL            -- the BlobStore key of the bytes
);
CREATE INDEX attachments_by_message ON attachments (message_id);
CREATE INDEX attachments_by_ticket ON attachments (ticket_id);

CREATE TABLE ticket_events (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  type TEXT NOT NULL,                  -- status_changed | priority_changed
  from_value TEXT NOT NULL,
  to_value TEXT NOT NULL,
  author_user_id BIGINT REFERENCES users (id),
  author_name TEXT NOT NULL,
  author_role TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, created_at, id);

-- A retried submission with the same key in the same scope returns the first ticket.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,                 -- user:<id> | guest:<email>
  key TEXT NOT NULL,
  ticket_id BIGINT NOT NULL REFERENCES tickets (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (scope, key)
);
)sql";
}

}  // namespace gongdan::storage::migrations
