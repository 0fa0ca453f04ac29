#include "domain/sla/business_time.hpp"

#include <algorithm>
#include <stdexcept>

namespace gongdan::domain::sla {

using core::from_epoch_ms;
using core::Timestamp;
using core::to_epoch_ms;
using std::chrono::milliseconds;

Timestamp add_business_time(const BusinessCalendar& calendar, Timestamp start, milliseconds duration) {
  if (duration < milliseconds{0}) throw std::invalid_argument("add_business_time: negative duration");
  if (duration == milliseconds{0}) return start;
  if (calendar.is_always_open()) return start + duration;
  std::optional<WorkingSpans> scratch;
  std::int64_t t = to_epoch_ms(start);
  std::int64_t remaining = duration.count();
  while (true) {
    const WorkingSpans& spans = calendar.spans_covering(from_epoch_ms(t), scratch);
    const std::int64_t done = spans.work_until(t);
    const std::int64_t available = spans.total() - done;
    if (remaining <= available) return from_epoch_ms(spans.instant_after(done + remaining));
    remaining -= available;
    t = spans.to();
  }
}

milliseconds business_time_between(const BusinessCalendar& calendar, Timestamp from, Timestamp to) {
  if (to < from) return -business_time_between(calendar, to, from);
  if (calendar.is_always_open()) return to - from;
  std::optional<WorkingSpans> scratch;
  const std::int64_t end = to_epoch_ms(to);
  std::int64_t t = to_epoch_ms(from);
  std::int64_t total = 0;
  while (t < end) {
    const WorkingSpans& spans = calendar.spans_covering(from_epoch_ms(t), scratch);
    const std::int64_t stop = std::min(end, spans.to());
    total += spans.work_until(stop) - spans.work_until(t);
    t = stop;
  }
  return milliseconds{total};
}

Timestamp add_working_days(const BusinessCalendar& calendar, Timestamp start, int days) {
  if (days < 0) throw std::invalid_argument("add_working_days: negative days");
  if (days == 0) return start;
  std::optional<WorkingSpans> scratch;
  std::int64_t t = to_epoch_ms(start);
  const WorkingSpans* spans = &calendar.spans_covering(start, scratch);
  const std::int64_t done = spans->work_until(t);
  std::size_t index = spans->working_day_at(done);
  // How far into its working day `start` is, in work; zero before the day's opening.
  const std::int64_t share = index < spans->working_day_count() ? done - spans->working_day(index).work_before : 0;
  // From an opening, n days end at the close of the n-th day (counting that one); from inside a
  // day, at the same share of the day n days later.
  std::size_t remaining = static_cast<std::size_t>(days);
  while (true) {
    const std::size_t count = spans->working_day_count();
    const std::size_t target = share == 0 ? index + remaining - 1 : index + remaining;
    if (target < count) {
      const auto& day = spans->working_day(target);
      if (share == 0) return from_epoch_ms(day.end);
      return from_epoch_ms(spans->instant_after(day.work_before + std::min(share, day.work)));
    }
    remaining -= count - index;
    index = 0;
    t = spans->to();
    spans = &calendar.spans_covering(from_epoch_ms(t), scratch);
  }
}

Timestamp due_at(const BusinessCalendar& calendar, Timestamp start, const SlaDuration& target) {
  return add_business_time(calendar, add_working_days(calendar, start, target.working_days), target.time);
}

milliseconds business_time_of(const BusinessCalendar& calendar, Timestamp start, const SlaDuration& target) {
  return business_time_between(calendar, start, due_at(calendar, start, target));
}

bool is_working_time(const BusinessCalendar& calendar, Timestamp t) {
  std::optional<WorkingSpans> scratch;
  return calendar.spans_covering(t, scratch).is_working(to_epoch_ms(t));
}

}  // namespace gongdan::domain::sla
