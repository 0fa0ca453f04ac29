#pragma once

#include <string_view>

#include "domain/mail/outgoing_mail.hpp"
#include "storage/sql/statement.hpp"

namespace gongdan::storage {

// Row mapping of the mail tables. Unknown stored words map to values that deliver nothing and
// open nothing (see each function), rather than failing every read of the table.

/// Unknown states read as failed: shown to the admin, never sent by itself.
domain::OutboxState outbox_state_from(std::string_view text);

/// The columns read_outbox_entry() expects; append WHERE/ORDER BY.
extern const std::string_view kSelectOutbox;
/// An outbox entry from a row selected with kSelectOutbox. Throws std::runtime_error for a kind
/// this program does not know (a newer program wrote it).
domain::OutboxEntry read_outbox_entry(const sql::Statement& row);

/// The columns read_access_link() expects; append WHERE.
extern const std::string_view kSelectAccessLink;
/// A link from a row selected with kSelectAccessLink. Throws std::runtime_error for an unknown
/// purpose: a link whose meaning is unknown must open nothing.
domain::AccessLink read_access_link(const sql::Statement& row);

}  // namespace gongdan::storage
