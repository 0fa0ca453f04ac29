#pragma once

#include <optional>
#include <string>
#include <vector>

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

/// The outbox payload of each of `effects`' mails, in order: made before a write job where the
/// effects are known beforehand, since the writer thread is the one every write waits for
/// (serialising a confirmation mail's values was a tenth of a submission's write job).
std::vector<std::string> mail_payloads(const domain::MailEffects& effects);

/// As above, with `payloads` from mail_payloads(effects).
void write_mail_effects(sql::Connection& db, const domain::MailEffects& effects,
                        const std::vector<std::string>& payloads, const std::optional<core::TicketId>& ticket,
                        const std::optional<std::string>& number, core::Timestamp now);

}  // namespace gongdan::storage
