#include "domain/sla/working_spans.hpp"

#include <algorithm>
#include <limits>

namespace gongdan::domain::sla {
namespace {

using std::chrono::milliseconds;

/// Converts the local readings of one day, reusing the offset found at the day's start while no
/// transition intervenes: exact, and much cheaper than a full lookup per reading.
class DayConverter {
 public:
  DayConverter(const core::TimeZone& zone, std::chrono::local_days day) : zone_(zone) {
    start_ = core::to_epoch_ms(zone.to_utc(core::LocalTime{day.time_since_epoch()}));
    offset_ms_ = std::chrono::duration_cast<milliseconds>(zone.offset_at(core::from_epoch_ms(start_))).count();
    const auto next = zone.next_transition(core::from_epoch_ms(start_));
    next_ = next ? std::chrono::duration_cast<milliseconds>(next->at.time_since_epoch()).count()
                 : std::numeric_limits<std::int64_t>::max();
    day_ms_ = std::chrono::duration_cast<milliseconds>(day.time_since_epoch()).count();
  }

  std::int64_t start() const { return start_; }

  std::int64_t to_utc(std::chrono::minutes after_midnight) const {
    const std::int64_t local = day_ms_ + std::chrono::duration_cast<milliseconds>(after_midnight).count();
    // From start_ until the next transition the offset is constant and the wall clock rises
    // from the day's midnight, so local - offset is the earliest instant showing `local`.
    const std::int64_t t = local - offset_ms_;
    if (t >= start_ && t < next_) return t;
    return core::to_epoch_ms(zone_.to_utc(core::LocalTime{milliseconds{local}}));
  }

 private:
  const core::TimeZone& zone_;
  std::int64_t start_ = 0;
  std::int64_t offset_ms_ = 0;
  std::int64_t next_ = 0;
  std::int64_t day_ms_ = 0;
};

}  // namespace

WorkingSpans WorkingSpans::build(const HoursOf& hours_of, const core::TimeZone& zone, std::chrono::local_days first,
                                 std::chrono::local_days end) {
  WorkingSpans spans;
  spans.cumulative_.push_back(0);
  spans.from_ = DayConverter(zone, first).start();
  for (auto day = first; day < end; day += std::chrono::days{1}) {
    const DayHours& hours = hours_of(day);
    if (hours.empty()) continue;
    const DayConverter convert(zone, day);
    const std::int64_t before = spans.cumulative_.back();
    std::int64_t last_end = 0;
    for (const auto& interval : hours) {
      const std::int64_t b = convert.to_utc(interval.begin);
      const std::int64_t e = convert.to_utc(interval.end);
      if (e <= b) continue;  // wholly inside a skipped hour
      if (!spans.end_.empty() && spans.end_.back() == b) {
        spans.end_.back() = e;
      } else {
        spans.begin_.push_back(b);
        spans.end_.push_back(e);
        spans.cumulative_.push_back(spans.cumulative_.back());
      }
      spans.cumulative_.back() += e - b;
      last_end = e;
    }
    if (spans.cumulative_.back() > before) {
      spans.days_.push_back({before, spans.cumulative_.back() - before, last_end});
      spans.day_work_before_.push_back(before);
    }
  }
  spans.to_ = DayConverter(zone, end).start();
  return spans;
}

std::int64_t WorkingSpans::work_until(std::int64_t t) const {
  // The first span ending after t either contains t or lies wholly after it.
  const auto i = static_cast<std::size_t>(std::upper_bound(end_.begin(), end_.end(), t) - end_.begin());
  if (i == end_.size()) return cumulative_.back();
  return cumulative_[i] + std::max<std::int64_t>(0, t - begin_[i]);
}

std::int64_t WorkingSpans::instant_after(std::int64_t work) const {
  // The first span whose running total reaches `work` holds the instant; a span boundary belongs
  // to the earlier span, so two hours from 16:00 on a 9-18 day is 18:00, not 09:00 next day.
  const auto j = static_cast<std::size_t>(std::lower_bound(cumulative_.begin() + 1, cumulative_.end(), work) -
                                          cumulative_.begin() - 1);
  return begin_[j] + (work - cumulative_[j]);
}

bool WorkingSpans::is_working(std::int64_t t) const {
  const auto i = static_cast<std::size_t>(std::upper_bound(end_.begin(), end_.end(), t) - end_.begin());
  return i < end_.size() && begin_[i] <= t;
}

std::size_t WorkingSpans::working_day_at(std::int64_t work) const {
  if (work >= total()) return days_.size();
  return static_cast<std::size_t>(std::upper_bound(day_work_before_.begin(), day_work_before_.end(), work) -
                                  day_work_before_.begin() - 1);
}

}  // namespace gongdan::domain::sla
