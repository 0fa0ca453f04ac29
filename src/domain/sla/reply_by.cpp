#include "domain/sla/reply_by.hpp"

#include "domain/sla/special_day.hpp"

namespace gongdan::domain::sla {

std::optional<core::Timestamp> queue_estimate(const QueueFacts& facts, core::Timestamp now) {
  if (facts.replies_last_7d < kMinRepliesForEstimate || facts.active_reply_hours <= 0) return std::nullopt;
  // ahead / (replies / hours) hours, in integer milliseconds: nothing rounds to a coarser unit.
  const std::int64_t hour_ms = 3'600'000;
  const std::int64_t wait_ms =
      static_cast<std::int64_t>(facts.tickets_ahead) * facts.active_reply_hours * hour_ms / facts.replies_last_7d;
  return now + std::chrono::milliseconds{wait_ms};
}

std::optional<HolidayNote> holiday_at(const BusinessCalendar& calendar, core::Timestamp now) {
  const auto local = calendar.time_zone().to_local(now);
  auto day = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)};
  const SpecialDay* special = calendar.special_day(day);
  if (!special || special->kind != DayKind::kHoliday) return std::nullopt;
  HolidayNote note{special->name, day};
  // A run of holidays ends at the first date that is not one (at most a year: a guard, not a limit).
  for (int i = 0; i < 366; ++i) {
    const std::chrono::year_month_day next{std::chrono::sys_days{note.until} + std::chrono::days{1}};
    const SpecialDay* following = calendar.special_day(next);
    if (!following || following->kind != DayKind::kHoliday) break;
    note.until = next;
  }
  return note;
}

std::optional<ReplyBy> reply_by(std::optional<core::Timestamp> response_due, std::optional<core::Timestamp> estimate,
                                std::optional<HolidayNote> holiday, core::Timestamp now) {
  if (!response_due) return std::nullopt;
  ReplyBy answer{*response_due, false, std::move(holiday)};
  if (estimate && *estimate > *response_due) {
    answer.at = *estimate;
    answer.from_queue = true;
  }
  if (answer.at < now) answer.at = now + kOverdueReplyGrace;
  return answer;
}

}  // namespace gongdan::domain::sla
