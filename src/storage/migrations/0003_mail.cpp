#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Mail (docs/mail.md): the transactional outbox, secure links, admins' templates and settings,
// and the log of incoming messages. Same conventions as 0001: epoch ms, no CHECK on text enums.
std::string_view mail_schema() {
  return R"sql(
CREATE TABLE outbox (
  id {{id}},
  kind TEXT NOT NULL,                  -- ticket_confirmation | agent_reply | ... (MailKind)
  to_email TEXT NOT NULL,              -- lower-cased
  to_name TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL,                -- zh-CN | en
  ticket_id BIGINT REFERENCES tickets (id),
  ticket_number TEXT,
  payload TEXT NOT NULL,               -- the template values as JSON; `link` redacted once sent
  state TEXT NOT NULL,                 -- queued | sending | sent | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,                  -- set while a sender holds the mail
  sent_at BIGINT,
  last_error TEXT NOT NULL DEFAULT ''
);
-- The sender's claim: due mail of a state, oldest first.
CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
-- The per-address throttle on mail strangers can request.
CREATE INDEX outbox_recent_by_recipient ON outbox (to_email, kind, created_at);
-- The admin page, newest first.
CREATE INDEX outbox_by_created ON outbox (created_at DESC, id DESC);

CREATE TABLE access_links (
  id {{id}},
  purpose TEXT NOT NULL,               -- ticket | sign_in
  token_digest TEXT NOT NULL UNIQUE,   -- digest of the mailed token: the token itself is never stored
  ticket_id BIGINT REFERENCES tickets (id),
  user_id BIGINT REFERENCES users (id),
  email TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX access_links_by_ticket ON access_links (ticket_id);

CREATE TABLE mail_templates (
  kind TEXT NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (kind, locale)
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,                -- mail: MailSettings as JSON
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE inbound_mail (
  message_id TEXT PRIMARY KEY,         -- without angle brackets
  sender TEXT NOT NULL,                -- lower-cased
  outcome TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
-- The per-sender rate that stops mail loops.
CREATE INDEX inbound_mail_by_sender ON inbound_mail (sender, received_at);

ALTER TABLE users ADD COLUMN email_verified_at BIGINT;

-- The language a ticket was submitted in: a guest's mails are written in it.
ALTER TABLE tickets ADD COLUMN customer_locale TEXT NOT NULL DEFAULT 'zh-CN';
)sql";
}

}  // namespace gongdan::storage::migrations
