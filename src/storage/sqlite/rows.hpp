#pragma once

#include <string>
#include <string_view>

#include "domain/tickets/ticket.hpp"
#include "storage/sqlite/statement.hpp"

namespace gongdan::storage::sqlite {

// Row mapping between the SQLite schema and domain types, shared by the repositories.
// Unknown stored words map to safe defaults (never to a staff role) rather than failing the read.

domain::Role role_from(std::string_view text);
domain::Status status_from(std::string_view text);
domain::Urgency urgency_from(std::string_view text);
domain::Priority priority_from(std::int64_t value);
inline std::int64_t priority_value(domain::Priority priority) { return static_cast<std::int64_t>(priority); }
domain::EventType event_type_from(std::string_view text);

/// The columns read_ticket() expects, with the joins they need; append WHERE/ORDER BY.
extern const std::string_view kSelectTicket;
/// A ticket from a row selected with kSelectTicket.
domain::Ticket read_ticket(const Statement& row);

/// The columns read_message() expects (without attachments); append WHERE/ORDER BY.
extern const std::string_view kSelectMessage;
domain::Message read_message(const Statement& row);

/// The columns read_attachment() expects; `internal` comes from the attachment's message.
extern const std::string_view kSelectAttachment;
domain::Attachment read_attachment(const Statement& row);

}  // namespace gongdan::storage::sqlite
