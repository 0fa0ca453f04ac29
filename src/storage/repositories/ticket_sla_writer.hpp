#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "domain/sla/business_calendar.hpp"
#include "domain/sla/sla_policy.hpp"
#include "domain/sla/ticket_sla.hpp"
#include "domain/tickets/ticket.hpp"
#include "storage/repositories/ticket_inserts.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage {

/// Every policy, by position, with its targets.
std::vector<domain::sla::SlaPolicy> load_sla_policies(sql::Connection& db);
std::optional<domain::sla::SlaPolicy> load_sla_policy(sql::Connection& db, std::int64_t id);

/// A stored calendar, built (once per revision, process-wide); `24x7` is the built-in one.
std::optional<domain::sla::BusinessCalendar> load_business_calendar(sql::Connection& db, const std::string& name);

/// A ticket's stored SLA record that cannot be read (its clock history is malformed).
class CorruptSlaRecord : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A ticket's SLA record; none for tickets without one (from before service levels existed).
/// Throws CorruptSlaRecord when the stored record cannot be read: that is reported, never taken
/// for "no record".
std::optional<domain::sla::TicketSlaRecord> load_sla_record(sql::Connection& db, core::TicketId ticket);

/// The service level a new ticket starts with (docs/sla.md): the first policy that applies, the
/// ticket's record and the due times its row is inserted with.
struct NewTicketSla {
  domain::sla::TicketSlaRecord record;
  TicketSlaColumns columns;
};

/// Plans the service level of `ticket` before its row is written. Runs inside the creating
/// transaction, so the policies it reads are those the ticket is stored under.
NewTicketSla plan_ticket_sla(sql::Connection& db, const domain::Ticket& ticket);
/// Stores the record of a ticket just inserted with `plan.columns`.
void start_ticket_sla(sql::Connection& db, core::TicketId ticket, const NewTicketSla& plan);

/// Follows a change of a ticket (`before` → `change.updated`) inside its transaction: moves the
/// clock, finishes and starts targets, records finished ones and writes the new due times. A
/// corrupt record does not block the change: the ticket is left for the escalation job's next
/// pass, which reports it (and looks again hourly).
void follow_ticket_sla(sql::Connection& db, const domain::Ticket& before, const domain::TicketChange& change);

/// Evaluates a ticket's record again (its priority, its policy as stored now) and writes the due
/// times and the next check: after a policy or calendar edit, or an escalation.
void refresh_ticket_sla(sql::Connection& db, core::TicketId ticket, domain::Priority priority, core::Timestamp now);

}  // namespace gongdan::storage
