#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/events/ticket_activity.hpp"
#include "domain/sla/calendar_definition.hpp"
#include "domain/sla/escalation.hpp"
#include "domain/sla/reply_by.hpp"
#include "domain/sla/sla_policy.hpp"
#include "domain/sla/sla_report.hpp"
#include "domain/sla/ticket_sla.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::domain::sla {

/// A stored calendar and the policies that use it.
struct StoredCalendar {
  CalendarDefinition definition;
  std::int64_t revision = 0;         // grows with every save: the key of built calendars in CalendarCache
  std::vector<std::string> used_by;  // policy names
};

/// What a customer's reply-by needs of one ticket besides the ticket (SlaService::customer_reply_by).
struct ReplyFacts {
  std::string calendar;                // the calendar of the ticket's policy; empty without a policy
  std::int64_t calendar_revision = 0;  // its stored revision (CalendarCache); 0 for the built-in 24x7
  QueueFacts queue;
};

/// A recorded SLA fact of one ticket target (sla_events): warning, breached, met or missed.
struct RecordedTarget {
  std::string kind;  // warning | breached | met | missed
  TargetKind target = TargetKind::kFirstResponse;
  int cycle = 0;
  core::Timestamp at;
};

/// A ticket whose check failed within a pass: its writes were rolled back, the others' stand.
struct CheckFailure {
  core::TicketId ticket;
  std::string what;
};

/// A warning or breach a pass recorded (or, previewed, would record).
struct CheckFired {
  std::string ticket;  // the ticket's number
  std::string kind;    // warning | breached
  TargetKind target = TargetKind::kFirstResponse;
  int cycle = 0;
};

/// What one pass of the escalation job did.
struct CheckPass {
  int tickets_checked = 0;
  int warnings = 0;
  int breaches = 0;
  std::vector<TicketActivity> activities;  // committed changes to announce live
  std::vector<CheckFailure> failures;      // looked at again an hour later, not at every pass
  std::vector<CheckFired> fired;           // in the order recorded
};

/// Where policies, calendars and each ticket's SLA state live. The ticket lifecycle writes the
/// per-ticket state itself, inside the ticket's write transaction.
class SlaRepository {
 public:
  virtual ~SlaRepository() = default;

  /// Every policy, by position.
  virtual std::vector<SlaPolicy> policies() = 0;
  virtual std::optional<SlaPolicy> find_policy(std::int64_t id) = 0;
  /// Stores a new policy last in the order. kConflict `duplicate_name` when the name is taken.
  virtual core::Result<SlaPolicy> create_policy(const SlaPolicy& policy) = 0;
  /// Replaces a policy (its position stays) and recomputes the due times of its open tickets in
  /// the same transaction. kNotFound when there is no such policy.
  virtual core::Result<SlaPolicy> update_policy(const SlaPolicy& policy, core::Timestamp now) = 0;
  /// Removes a policy; its tickets keep their records but have no targets any more.
  virtual core::Status delete_policy(std::int64_t id, core::Timestamp now) = 0;
  /// Positions 1..n in the order of `ids`, which must name every policy once (kInvalid otherwise).
  virtual core::Result<std::vector<SlaPolicy>> reorder_policies(const std::vector<std::int64_t>& ids) = 0;

  /// Every stored calendar, by name.
  virtual std::vector<StoredCalendar> calendars() = 0;
  virtual std::optional<StoredCalendar> find_calendar(const std::string& name) = 0;
  /// Creates or replaces a calendar (already validated) and recomputes the due times of the open
  /// tickets whose policy uses it.
  virtual core::Status save_calendar(const CalendarDefinition& definition, core::Timestamp now) = 0;
  /// kConflict `calendar_in_use` when a policy names it; kNotFound when absent.
  virtual core::Status delete_calendar(const std::string& name) = 0;

  /// A ticket's SLA record and what has been recorded of its targets.
  virtual std::optional<TicketSlaRecord> record_of(core::TicketId ticket) = 0;
  virtual std::vector<RecordedTarget> recorded_targets(core::TicketId ticket) = 0;

  /// For each of `tickets`, in order: its policy's calendar, the queue ahead of it and the team's
  /// recent pace (reply_by's estimate). One read for them all: a customer's list asks once.
  virtual std::vector<ReplyFacts> reply_facts(std::span<const Ticket* const> tickets, core::Timestamp now) = 0;

  /// Tickets created in [from, to) (epoch bounds of the local dates): counts per priority, and
  /// the finished first-response and resolution targets of those tickets.
  virtual std::array<int, 4> created_by_priority(core::Timestamp from, core::Timestamp to) = 0;
  virtual std::vector<FinishedSample> finished_samples(core::Timestamp from, core::Timestamp to,
                                                       const core::TimeZone& zone) = 0;

  /// One pass of the escalation job at `now`, over at most `limit` tickets whose next check is
  /// due: records warnings and breaches once (a unique key) and runs a breach's actions in the
  /// same transaction (plan_escalation decides them). Each ticket is checked on its own: one that
  /// fails is rolled back, reported to the store's error sink, listed in `failures` and not looked
  /// at again for an hour; the pass goes on with the others.
  virtual core::Result<CheckPass> run_checks(core::Timestamp now, int limit, const EscalationMailSettings& mail) = 0;
  /// The same pass, rolled back at its end: what it would record and do, with nothing written.
  virtual core::Result<CheckPass> preview_checks(core::Timestamp now, int limit,
                                                 const EscalationMailSettings& mail) = 0;
};

}  // namespace gongdan::domain::sla
