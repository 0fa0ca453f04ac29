#include "domain/sla/ticket_sla.hpp"

#include <algorithm>
#include <charconv>

#include "domain/sla/business_time.hpp"

namespace gongdan::domain::sla {
namespace {

using core::Timestamp;
using Kind = SlaClock::Event::Kind;

std::optional<Timestamp> earliest(std::optional<Timestamp> a, std::optional<Timestamp> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

bool paused_at(const std::vector<SlaClock::Event>& history, Timestamp at) {
  bool paused = false;
  for (const auto& e : history) {
    if (e.at > at) break;
    if (e.kind == Kind::kPause) paused = true;
    if (e.kind == Kind::kResume || e.kind == Kind::kStart) paused = false;
  }
  return paused;
}

// The ticket's clock as seen by a target that starts at `from` (a next-response cycle): the
// same pauses, only those after its start.
SlaClock clock_since(const std::vector<SlaClock::Event>& history, Timestamp from) {
  SlaClock clock(from);
  if (paused_at(history, from)) (void)clock.pause(from);
  for (const auto& e : history) {
    if (e.at <= from) continue;
    if (e.kind == Kind::kPause) (void)clock.pause(e.at);
    if (e.kind == Kind::kResume) (void)clock.resume(e.at);
  }
  return clock;
}

TargetStatus measure(TargetKind kind, int cycle, const SlaClock& clock, const SlaTarget& target,
                     const SlaContext& context, std::optional<Timestamp> finished, bool stopped_for_good,
                     Timestamp now) {
  const BusinessCalendar& calendar =
      target.clock == TargetClock::kBusiness ? *context.business : *context.around_the_clock;
  TargetStatus status;
  status.kind = kind;
  status.cycle = cycle;
  status.started_at = clock.started_at();
  const auto work = business_time_of(calendar, clock.started_at(), target.duration);
  const auto due = clock.due_at(calendar, work);
  if (finished) {
    status.finished_at = finished;
    status.state = !due || *finished <= *due ? TargetState::kMet : TargetState::kBreached;
    return status;
  }
  if (stopped_for_good) {
    status.state = TargetState::kPaused;
    return status;
  }
  status.due_at = due;
  status.warn_at = clock.due_at(calendar, work * 3 / 4);
  if (!due) {
    status.state = TargetState::kPaused;
  } else {
    status.state = now >= *due ? TargetState::kBreached : TargetState::kRunning;
  }
  // A paused clock that already passed its target stays due at that past instant: a breach has
  // a time even when the ticket now waits on the customer.
  if (due && clock.is_paused() && *due > now) status.state = TargetState::kPaused;
  return status;
}

}  // namespace

std::string format_clock_history(const std::vector<SlaClock::Event>& events) {
  std::string text;
  for (const auto& e : events) {
    if (!text.empty()) text += ' ';
    text += e.kind == Kind::kStart ? 's' : e.kind == Kind::kPause ? 'p' : 'r';
    text += std::to_string(core::to_epoch_ms(e.at));
  }
  return text;
}

core::Result<std::vector<SlaClock::Event>> parse_clock_history(std::string_view text) {
  std::vector<SlaClock::Event> events;
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(at, end - at);
    at = end + 1;
    if (word.size() < 2) return core::Error::invalid("invalid_clock_history", "A clock entry is malformed.");
    SlaClock::Event event;
    switch (word[0]) {
      case 's': event.kind = Kind::kStart; break;
      case 'p': event.kind = Kind::kPause; break;
      case 'r': event.kind = Kind::kResume; break;
      default: return core::Error::invalid("invalid_clock_history", "A clock entry has an unknown kind.");
    }
    std::int64_t ms = 0;
    const auto digits = word.substr(1);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), ms);
    if (ec != std::errc{} || ptr != digits.data() + digits.size()) {
      return core::Error::invalid("invalid_clock_history", "A clock entry has a malformed time.");
    }
    event.at = core::from_epoch_ms(ms);
    events.push_back(event);
  }
  if (auto replayed = SlaClock::replay(events); !replayed) return replayed.take_error();
  return events;
}

bool clock_stops_in(Status status) {
  return status == Status::kPending || status == Status::kResolved || status == Status::kClosed;
}

TicketSlaRecord start_record(std::optional<std::int64_t> policy_id, Timestamp at, Status status) {
  TicketSlaRecord record;
  record.policy_id = policy_id;
  record.clock.push_back({Kind::kStart, at});
  if (clock_stops_in(status)) record.clock.push_back({Kind::kPause, at});
  if (status == Status::kResolved || status == Status::kClosed) record.resolved_at = at;
  record.closed = status == Status::kClosed;
  return record;
}

std::string_view to_string(TargetState state) {
  switch (state) {
    case TargetState::kRunning: return "running";
    case TargetState::kPaused: return "paused";
    case TargetState::kMet: return "met";
    case TargetState::kBreached: return "breached";
  }
  return "running";
}

std::string_view to_string(SlaState state) {
  switch (state) {
    case SlaState::kOk: return "ok";
    case SlaState::kWarning: return "warning";
    case SlaState::kBreached: return "breached";
  }
  return "ok";
}

SlaState SlaStatus::state_at(Timestamp now) const {
  SlaState worst = SlaState::kOk;
  for (const auto& t : targets) {
    if (!t.running()) continue;
    if (now >= *t.due_at) return SlaState::kBreached;
    if (t.warn_at && now >= *t.warn_at) worst = SlaState::kWarning;
  }
  return worst;
}

std::optional<Timestamp> SlaStatus::next_check_after(Timestamp after) const {
  std::optional<Timestamp> next;
  for (const auto& t : targets) {
    if (!t.running()) continue;
    if (t.warn_at && *t.warn_at > after) {
      next = earliest(next, t.warn_at);
    } else if (*t.due_at > after) {
      next = earliest(next, t.due_at);
    }
  }
  return next;
}

SlaStatus evaluate(const TicketSlaRecord& record, const SlaContext& context, Timestamp now) {
  SlaStatus status;
  if (!context.targets || record.clock.empty()) return status;
  auto replayed = SlaClock::replay(record.clock);
  if (!replayed) return status;
  const SlaClock& clock = *replayed;
  const auto& targets = *context.targets;
  if (const auto& target = targets[TargetKind::kFirstResponse]) {
    auto t =
        measure(TargetKind::kFirstResponse, 0, clock, *target, context, record.first_response_at, record.closed, now);
    status.first_response_due = t.due_at;
    status.targets.push_back(t);
  }
  if (const auto& target = targets[TargetKind::kNextResponse]; target && record.cycle > 0 && record.cycle_started_at) {
    auto t = measure(TargetKind::kNextResponse, record.cycle, clock_since(record.clock, *record.cycle_started_at),
                     *target, context, record.cycle_finished_at, record.closed, now);
    status.next_response_due = t.due_at;
    status.targets.push_back(t);
  }
  if (const auto& target = targets[TargetKind::kResolution]) {
    auto t = measure(TargetKind::kResolution, 0, clock, *target, context, record.resolved_at, record.closed, now);
    status.resolution_due = t.due_at;
    status.targets.push_back(t);
  }
  for (const auto& t : status.targets) {
    if (!t.running()) continue;
    status.earliest_due = earliest(status.earliest_due, t.due_at);
    status.earliest_warn = earliest(status.earliest_warn, t.warn_at);
  }
  return status;
}

std::vector<FinishedTarget> apply_event(TicketSlaRecord& record, const SlaEvent& event, const SlaContext& context) {
  if (record.closed || record.clock.empty()) return {};
  const SlaStatus before = evaluate(record, context, event.at);
  const auto finish = [&](TargetKind kind) -> std::optional<FinishedTarget> {
    for (const auto& t : before.targets) {
      if (t.kind != kind || t.finished_at) continue;
      return FinishedTarget{t.kind, t.cycle, t.started_at, event.at, t.due_at, !t.due_at || event.at <= *t.due_at};
    }
    return std::nullopt;
  };
  std::vector<FinishedTarget> finished;

  // Replies first: an agent who answers and sets pending in one step answered while the clock ran.
  if (event.public_agent_reply) {
    if (!record.first_response_at) {
      if (auto f = finish(TargetKind::kFirstResponse)) finished.push_back(*f);
      record.first_response_at = event.at;
    }
    if (record.cycle > 0 && !record.cycle_finished_at) {
      if (auto f = finish(TargetKind::kNextResponse)) finished.push_back(*f);
      record.cycle_finished_at = event.at;
    }
  }

  const bool was_stopped = clock_stops_in(event.from);
  const bool stops = clock_stops_in(event.to);
  const bool paused = !record.clock.empty() && record.clock.back().kind == Kind::kPause;
  // Never before the last event: a clock stepped back, or a second process a little behind, would
  // otherwise store a history that parse_clock_history refuses, losing the ticket's service level.
  const Timestamp clock_at = std::max(event.at, record.clock.back().at);
  if (stops && !paused) record.clock.push_back({Kind::kPause, clock_at});
  if (!stops && paused && event.from != event.to) record.clock.push_back({Kind::kResume, clock_at});
  const bool solved = event.to == Status::kResolved || event.to == Status::kClosed;
  if (solved && !record.resolved_at) {
    if (auto f = finish(TargetKind::kResolution)) finished.push_back(*f);
    record.resolved_at = event.at;
  }
  // A reopened ticket's resolution runs again from where it stopped; the first solve's record stands.
  if (!solved && was_stopped && event.from == Status::kResolved) record.resolved_at.reset();
  if (event.to == Status::kClosed) record.closed = true;

  // A customer message after the first response, while no agent reply is owed, starts a cycle.
  if (event.customer_message && record.first_response_at && !record.closed) {
    const bool owed = record.cycle > 0 && !record.cycle_finished_at;
    if (!owed) {
      ++record.cycle;
      record.cycle_started_at = event.at;
      record.cycle_finished_at.reset();
    }
  }
  return finished;
}

}  // namespace gongdan::domain::sla
