#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "domain/sla/business_calendar.hpp"

namespace gongdan::domain::sla {

/// What the queue says about a ticket's wait (docs/sla.md "reply_by").
struct QueueFacts {
  int tickets_ahead = 0;       // open, unanswered, same or higher priority, older, same group
  int replies_last_7d = 0;     // public first replies by the team in the last 7 days
  int active_reply_hours = 0;  // hours of those 7 days in which any such reply was sent; counted
                               // only from kMinRepliesForEstimate replies on
};

/// Fewer first replies than this in 7 days say too little about the team's pace to estimate.
inline constexpr int kMinRepliesForEstimate = 20;

/// `now + tickets ahead / replies per active hour`; none when the team sent too few replies.
std::optional<core::Timestamp> queue_estimate(const QueueFacts& facts, core::Timestamp now);

/// A run of holidays the request falls in: its name and its last date.
struct HolidayNote {
  std::string name;
  std::chrono::year_month_day until;
};

/// The holiday of `calendar` on the local date of `now`, with the last day of that run of
/// consecutive holidays; none on other days.
std::optional<HolidayNote> holiday_at(const BusinessCalendar& calendar, core::Timestamp now);

/// When the customer can expect a reply.
struct ReplyBy {
  core::Timestamp at;
  bool from_queue = false;  // basis `queue` (the estimate was later), else `sla`
  std::optional<HolidayNote> holiday;
};

/// An overdue reply is promised this long after the request, not at the past due time.
inline constexpr std::chrono::hours kOverdueReplyGrace{1};

/// The due time of the running response target, or the queue estimate when that is later. When
/// the response is overdue and no later estimate applies, `now + kOverdueReplyGrace`: a customer
/// never reads "we will reply by" a time already past. None when no reply is owed (no running
/// response target).
std::optional<ReplyBy> reply_by(std::optional<core::Timestamp> response_due, std::optional<core::Timestamp> estimate,
                                std::optional<HolidayNote> holiday, core::Timestamp now);

}  // namespace gongdan::domain::sla
