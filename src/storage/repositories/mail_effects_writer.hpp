#pragma once

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/mail/outgoing_mail.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage {

/// Writes a change's mails (queued, due at `now`) and link digests on `db`, inside the caller's
/// write job so they commit or roll back with the change. Mails without a ticket, and ticket
/// links without one, get `ticket` and `number` (a ticket created in the same job). Throws
/// sql::DatabaseError, e.g. for a token digest already stored.
void write_mail_effects(sql::Connection& db, const domain::MailEffects& effects,
                        const std::optional<core::TicketId>& ticket, const std::optional<std::string>& number,
                        core::Timestamp now);

}  // namespace gongdan::storage
