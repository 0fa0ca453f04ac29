#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/time_zone.hpp"
#include "domain/sla/working_hours.hpp"

namespace gongdan::domain::sla {

/// A calendar's working time over a run of local days, precomputed as UTC spans with running
/// totals, so that "where is the clock after d of work" and "how much work between a and b" are
/// two binary searches. All times are epoch milliseconds (UTC).
///
/// Each day's intervals are mapped to instants with TimeZone::to_utc (monotonic), so spans come
/// out ordered and disjoint even across DST changes; touching spans are merged (a 24×7 calendar
/// is one span). Covers the instants [from(), to()): local midnight of the first day to local
/// midnight after the last.
class WorkingSpans {
 public:
  /// The working hours of one local day (holidays and make-up days already applied).
  using HoursOf = std::function<const DayHours&(std::chrono::local_days)>;

  /// A day with working time, in the running total of work since from().
  struct WorkingDay {
    std::int64_t work_before = 0;  // work between from() and the day's first working instant
    std::int64_t work = 0;         // the day's working time
    std::int64_t end = 0;          // the instant its last interval ends
  };

  static WorkingSpans build(const HoursOf& hours_of, const core::TimeZone& zone, std::chrono::local_days first,
                            std::chrono::local_days end);

  std::int64_t from() const { return from_; }
  std::int64_t to() const { return to_; }
  bool covers(std::int64_t t) const { return t >= from_ && t < to_; }
  /// All the work in the covered stretch.
  std::int64_t total() const { return cumulative_.back(); }

  /// Work done in [from(), t], for t in [from(), to()].
  std::int64_t work_until(std::int64_t t) const;
  /// The earliest instant by which `work` (0 < work <= total()) has been done since from().
  std::int64_t instant_after(std::int64_t work) const;
  bool is_working(std::int64_t t) const;

  std::size_t working_day_count() const { return days_.size(); }
  const WorkingDay& working_day(std::size_t i) const { return days_[i]; }
  /// The working day in which the work position `work` falls: a day owns [its start, its end)
  /// in work; working_day_count() when `work` is total().
  std::size_t working_day_at(std::int64_t work) const;

 private:
  std::int64_t from_ = 0;
  std::int64_t to_ = 0;
  std::vector<std::int64_t> begin_;       // span starts, ascending
  std::vector<std::int64_t> end_;         // span ends, ascending
  std::vector<std::int64_t> cumulative_;  // work before span i; back() is the total
  std::vector<WorkingDay> days_;
  std::vector<std::int64_t> day_work_before_;  // days_[i].work_before, contiguous for searching
};

}  // namespace gongdan::domain::sla
