#pragma once

#include <cstdint>
#include <optional>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/tickets/ticket.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage {

// The rows of a ticket, written the same way by a submission, a change and the bulk loader.
// Each throws sql::DatabaseError.

inline std::optional<std::int64_t> optional_ms(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return core::to_epoch_ms(*t);
}

template <typename Id>
std::optional<std::int64_t> optional_id(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

/// Steps an `INSERT ... RETURNING id` (bound by the caller) to completion and returns the new id:
/// both engines run RETURNING, so no engine's last-insert-id call is needed.
std::int64_t returned_id(sql::Statement& insert);

/// The service-level columns of a new ticket row (docs/sla.md), worked out before the insert so
/// that a submission writes its row once (ticket_sla_writer's plan_ticket_sla).
struct TicketSlaColumns {
  std::optional<std::int64_t> policy_id;
  std::optional<core::Timestamp> first_response_due;
  std::optional<core::Timestamp> next_response_due;
  std::optional<core::Timestamp> resolution_due;
  std::optional<core::Timestamp> due;         // the earliest running due time (sort=due)
  std::optional<core::Timestamp> warn;        // the earliest running 75 % instant
  std::optional<core::Timestamp> next_check;  // when the escalation job looks first
};

/// Inserts the ticket row with its service-level columns; returns its id.
core::TicketId insert_ticket(sql::Connection& db, const domain::Ticket& t, const TicketSlaColumns& sla);
/// Appends a message and its attachment records; returns it as stored, with ids.
domain::Message insert_message(sql::Connection& db, core::TicketId ticket_id, const domain::NewMessage& message,
                               core::Timestamp at);
/// Appends an event to the ticket's history.
void insert_event(sql::Connection& db, core::TicketId ticket_id, const domain::NewEvent& event, core::Timestamp at);

}  // namespace gongdan::storage
