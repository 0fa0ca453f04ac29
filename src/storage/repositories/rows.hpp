#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/tickets/ticket.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/dialect.hpp"
#include "storage/sql/statement.hpp"

namespace gongdan::storage {

// Row mapping between the schema and domain types, shared by the repositories.
// Unknown stored words map to safe defaults (never to a staff role) rather than failing the read.

domain::Role role_from(std::string_view text);
domain::Status status_from(std::string_view text);
domain::Urgency urgency_from(std::string_view text);
domain::Priority priority_from(std::int64_t value);
inline std::int64_t priority_value(domain::Priority priority) { return static_cast<std::int64_t>(priority); }
domain::EventType event_type_from(std::string_view text);

/// Who a ticket is read for: staff see every column; a customer never sees the group's and
/// assignee's names, the tags or the merge target, so their lists do not join or read them
/// (those fields stay empty). Reading them was a fifth of a customer's list (docs/performance.md).
enum class TicketColumns { kAll, kCustomer };

/// The columns read_ticket() expects, with the joins they need; append WHERE/ORDER BY. The text
/// differs per engine only in how the tags are joined (group_concat / string_agg).
const std::string& select_ticket(sql::Dialect dialect, TicketColumns columns = TicketColumns::kAll);
/// select_ticket() with `WHERE t.id = ?` or `WHERE t.number = ?`, made once: the text is about
/// 1.5 kB, and building it for each read, then hashing it to find the prepared statement, was
/// about a twentieth of a status lookup.
const std::string& select_ticket_by_id(sql::Dialect dialect);
const std::string& select_ticket_by_number(sql::Dialect dialect);
/// The ticket with this id, as read_ticket() maps it.
std::optional<domain::Ticket> load_ticket(sql::Connection& db, core::TicketId id);
/// A ticket from a row selected with kSelectTicket.
domain::Ticket read_ticket(const sql::Statement& row);

/// The columns read_message() expects (without attachments); append WHERE/ORDER BY.
extern const std::string_view kSelectMessage;
domain::Message read_message(const sql::Statement& row);

/// The columns read_attachment() expects; `internal` comes from the attachment's message.
extern const std::string_view kSelectAttachment;
domain::Attachment read_attachment(const sql::Statement& row);

}  // namespace gongdan::storage
