#pragma once

#include <chrono>

#include "core/time.hpp"
#include "domain/sla/business_calendar.hpp"
#include "domain/sla/sla_duration.hpp"

namespace gongdan::domain::sla {

// Deadline maths on a BusinessCalendar. Everything is exact integer milliseconds: nothing
// rounds, DST days have their real length, and a holiday or make-up day counts as listed.

/// The earliest instant by which `duration` of working time has run from `start`. Work that ends
/// exactly at a closing time is due then (2 h from 16:00 on a 09:00-18:00 day is 18:00 that day,
/// not 09:00 next morning); zero returns `start`. Throws std::invalid_argument when negative.
core::Timestamp add_business_time(const BusinessCalendar& calendar, core::Timestamp start,
                                  std::chrono::milliseconds duration);

/// The working time between two instants; negative when `to` is before `from`.
/// business_time_between(c, s, add_business_time(c, s, d)) == d for every d >= 0.
std::chrono::milliseconds business_time_between(const BusinessCalendar& calendar, core::Timestamp from,
                                                core::Timestamp to);

/// `days` working days after `start`: the same share of a working day, that many working days
/// later (capped at that day's length). Starting outside working hours counts from the next
/// working day's opening, so one day from Sunday (or Monday 08:00) is due at Monday's close.
/// Zero returns `start`; throws std::invalid_argument when negative.
core::Timestamp add_working_days(const BusinessCalendar& calendar, core::Timestamp start, int days);

/// The due instant of a target: its working days first, then its time.
core::Timestamp due_at(const BusinessCalendar& calendar, core::Timestamp start, const SlaDuration& target);

/// A target pinned to working time from `start`: how much work lies between `start` and
/// due_at(start, target). Lets a paused clock measure a target written in days.
std::chrono::milliseconds business_time_of(const BusinessCalendar& calendar, core::Timestamp start,
                                           const SlaDuration& target);

/// True when `t` lies inside working hours.
bool is_working_time(const BusinessCalendar& calendar, core::Timestamp t);

}  // namespace gongdan::domain::sla
