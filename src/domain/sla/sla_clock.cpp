#include "domain/sla/sla_clock.hpp"

#include <algorithm>
#include <string>

#include "domain/sla/business_time.hpp"

namespace gongdan::domain::sla {

using core::Timestamp;
using std::chrono::milliseconds;

core::Result<SlaClock> SlaClock::replay(const std::vector<Event>& events) {
  const auto bad = [](std::size_t i, const std::string& why) {
    return core::Error::invalid("invalid_clock_history", "Event " + std::to_string(i) + ": " + why);
  };
  if (events.empty() || events.front().kind != Event::Kind::kStart) return bad(0, "a clock begins with a start.");
  SlaClock clock(events.front().at);
  for (std::size_t i = 1; i < events.size(); ++i) {
    const auto& event = events[i];
    if (event.kind == Event::Kind::kStart) return bad(i, "a clock starts once.");
    const auto status = event.kind == Event::Kind::kPause ? clock.pause(event.at) : clock.resume(event.at);
    if (!status) return bad(i, status.error().message);
  }
  return clock;
}

core::Status SlaClock::pause(Timestamp at) {
  if (is_paused()) return core::Error::conflict("clock_paused", "The clock is already paused.");
  if (at < last_event()) return core::Error::invalid("clock_time_reversed", "A pause cannot precede the last event.");
  runs_.back().to = at;
  return core::ok_status();
}

core::Status SlaClock::resume(Timestamp at) {
  if (!is_paused()) return core::Error::conflict("clock_running", "The clock is already running.");
  if (at < last_event()) return core::Error::invalid("clock_time_reversed", "A resume cannot precede the pause.");
  runs_.push_back({at, std::nullopt});
  return core::ok_status();
}

milliseconds SlaClock::elapsed(const BusinessCalendar& calendar, Timestamp now) const {
  milliseconds total{0};
  for (const auto& run : runs_) {
    if (run.from >= now) break;
    const Timestamp end = run.to && *run.to < now ? *run.to : now;
    total += business_time_between(calendar, run.from, end);
  }
  return total;
}

std::optional<Timestamp> SlaClock::due_at(const BusinessCalendar& calendar, milliseconds target) const {
  milliseconds remaining = std::max(target, milliseconds{0});
  for (const auto& run : runs_) {
    if (!run.to) return add_business_time(calendar, run.from, remaining);
    const milliseconds ran = business_time_between(calendar, run.from, *run.to);
    if (remaining <= ran) return add_business_time(calendar, run.from, remaining);
    remaining -= ran;
  }
  return std::nullopt;
}

std::optional<Timestamp> SlaClock::due_at(const BusinessCalendar& calendar, const SlaDuration& target) const {
  return due_at(calendar, business_time_of(calendar, started_at(), target));
}

}  // namespace gongdan::domain::sla
