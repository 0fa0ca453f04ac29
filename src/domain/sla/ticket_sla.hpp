#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/sla/business_calendar.hpp"
#include "domain/sla/sla_clock.hpp"
#include "domain/sla/sla_policy.hpp"
#include "domain/tickets/status.hpp"

namespace gongdan::domain::sla {

/// What a ticket's service level remembers between changes (docs/sla.md "Clocks on a ticket").
/// One clock history serves every target: all of them stop while the ticket is pending or solved.
struct TicketSlaRecord {
  std::optional<std::int64_t> policy_id;             // fixed at creation; none: no targets
  std::vector<SlaClock::Event> clock;                // start, then pauses and resumes
  std::optional<core::Timestamp> first_response_at;  // the first public agent reply
  int cycle = 0;                                     // the latest next_response cycle; 0: none yet
  std::optional<core::Timestamp> cycle_started_at;   // the customer message that started it
  std::optional<core::Timestamp> cycle_finished_at;  // the agent reply that ended it; none: running
  std::optional<core::Timestamp> resolved_at;        // solved or closed; cleared by a reopen
  bool closed = false;                               // closed is final: nothing runs any more
};

/// A clock history as stored: `s1767225600000 p1767229200000 r…` (start, pause, resume).
std::string format_clock_history(const std::vector<SlaClock::Event>& events);
core::Result<std::vector<SlaClock::Event>> parse_clock_history(std::string_view text);

/// True while a ticket's clocks stop: waiting on the customer, or solved.
bool clock_stops_in(Status status);

/// The record of a ticket created at `at` in `status`, under `policy_id`.
TicketSlaRecord start_record(std::optional<std::int64_t> policy_id, core::Timestamp at, Status status);

/// The calendars and targets a ticket is measured with (its policy's, for its priority).
struct SlaContext {
  const PriorityTargets* targets = nullptr;  // nullptr: no policy applies
  const BusinessCalendar* business = nullptr;
  const BusinessCalendar* around_the_clock = nullptr;
};

/// Where one target stands.
enum class TargetState { kRunning, kPaused, kMet, kBreached };
std::string_view to_string(TargetState state);

/// One target of a ticket, evaluated.
struct TargetStatus {
  TargetKind kind = TargetKind::kFirstResponse;
  int cycle = 0;  // next_response: 1, 2, …; the others 0
  core::Timestamp started_at;
  std::optional<core::Timestamp> due_at;   // none while paused short of the target, or when finished
  std::optional<core::Timestamp> warn_at;  // 75 % of the target's working time
  std::optional<core::Timestamp> finished_at;
  /// Finished targets: met or breached (finished late). Unfinished: running, or paused while the
  /// clock stops; a running target past due reads breached.
  TargetState state = TargetState::kRunning;
  bool running() const { return !finished_at && due_at.has_value(); }
};

/// The worst state over a ticket's running targets at one instant.
enum class SlaState { kOk, kWarning, kBreached };
std::string_view to_string(SlaState state);

/// A ticket's targets evaluated, with the due times stored on the ticket.
struct SlaStatus {
  std::vector<TargetStatus> targets;
  std::optional<core::Timestamp> first_response_due;
  std::optional<core::Timestamp> next_response_due;
  std::optional<core::Timestamp> resolution_due;
  std::optional<core::Timestamp> earliest_due;   // of the three: the `sort=due` key
  std::optional<core::Timestamp> earliest_warn;  // of the running targets

  /// ok, warning (a running target at 75 %) or breached (one past due) at `now`.
  SlaState state_at(core::Timestamp now) const;
  /// When the escalation job next needs to look: over running targets, the first of their
  /// warning and due instants that is after `after`; none when nothing runs.
  std::optional<core::Timestamp> next_check_after(core::Timestamp after) const;
};

/// Evaluates a record for the ticket's current priority targets. Never reads the time: the
/// target states that depend on "now" (breached while running) use `now`.
SlaStatus evaluate(const TicketSlaRecord& record, const SlaContext& context, core::Timestamp now);

/// What one ticket change means to its service level.
struct SlaEvent {
  Status from = Status::kNew;
  Status to = Status::kNew;
  bool public_agent_reply = false;  // a public reply by staff (not an automation rule's)
  bool customer_message = false;    // a public message by the customer
  core::Timestamp at;
};

/// A target that a change finished, to be recorded once.
struct FinishedTarget {
  TargetKind kind = TargetKind::kFirstResponse;
  int cycle = 0;
  core::Timestamp started_at;
  core::Timestamp finished_at;
  std::optional<core::Timestamp> due_at;  // as it stood when it finished
  bool met = true;                        // finished by its due time
};

/// Applies a change to the record: the status moves the clock, an agent reply finishes the first
/// response and the running next-response cycle, a customer message after the first response
/// starts a new cycle, solving finishes the resolution. Returns the targets it finished, each
/// judged against its due time as it stood before the change (`context` gives the targets).
std::vector<FinishedTarget> apply_event(TicketSlaRecord& record, const SlaEvent& event, const SlaContext& context);

}  // namespace gongdan::domain::sla
