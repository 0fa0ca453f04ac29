#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/sla/business_calendar.hpp"
#include "domain/sla/sla_duration.hpp"

namespace gongdan::domain::sla {

/// A ticket's service-level clock: it runs from the ticket's start, stops while the ticket waits
/// on the customer (`pending`) and runs again when the customer replies. It measures in a
/// calendar's working time, so a pause over a weekend costs nothing and one over a Tuesday
/// morning gives the team that morning back. A value: rebuild it from the ticket's events.
class SlaClock {
 public:
  /// One entry of a clock's history.
  struct Event {
    enum class Kind { kStart, kPause, kResume };
    Kind kind = Kind::kStart;
    core::Timestamp at;
  };

  explicit SlaClock(core::Timestamp start) : runs_{{start, std::nullopt}} {}

  /// Rebuilds a clock from its history: a start, then pauses and resumes alternating, in time
  /// order. Error kInvalid (`invalid_clock_history`) naming the first bad event otherwise.
  static core::Result<SlaClock> replay(const std::vector<Event>& events);

  /// Stops the clock. kConflict `clock_paused` when already stopped; kInvalid
  /// `clock_time_reversed` when `at` is before the clock's last event.
  core::Status pause(core::Timestamp at);
  /// Restarts the clock. kConflict `clock_running` when running; kInvalid as for pause.
  core::Status resume(core::Timestamp at);

  bool is_paused() const { return runs_.back().to.has_value(); }
  core::Timestamp started_at() const { return runs_.front().from; }

  /// Working time the clock has run by `now` (stretches after `now` are ignored).
  std::chrono::milliseconds elapsed(const BusinessCalendar& calendar, core::Timestamp now) const;

  /// When the clock reaches `target` of working time. If it was reached during a past run, that
  /// instant (so a breach has a time); nullopt while the clock is paused short of the target,
  /// since nothing is due while the ticket waits on the customer.
  std::optional<core::Timestamp> due_at(const BusinessCalendar& calendar, std::chrono::milliseconds target) const;
  /// As above for a target in working days and time, pinned to working time from the start
  /// (business_time_of), so pauses extend a day-based target by exactly the paused work.
  std::optional<core::Timestamp> due_at(const BusinessCalendar& calendar, const SlaDuration& target) const;

 private:
  /// A stretch the clock ran, closed by a pause or still open.
  struct Run {
    core::Timestamp from;
    std::optional<core::Timestamp> to;
  };
  core::Timestamp last_event() const { return runs_.back().to.value_or(runs_.back().from); }

  std::vector<Run> runs_;
};

}  // namespace gongdan::domain::sla
