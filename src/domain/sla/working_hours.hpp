#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"

namespace gongdan::domain::sla {

/// One stretch of work within a local day, [begin, end) in minutes after midnight; `end` may be
/// 24:00. Minutes are the resolution of working hours: nobody opens a help desk at 09:00:30.
struct WorkingInterval {
  std::chrono::minutes begin{0};
  std::chrono::minutes end{0};
  bool operator==(const WorkingInterval&) const = default;
};

/// A day's working hours, in order: e.g. 09:00-12:00 and 13:30-18:30. Empty means a day off.
using DayHours = std::vector<WorkingInterval>;

/// The length of a local day's clock face, 00:00-24:00.
inline constexpr std::chrono::minutes kDayMinutes{24 * 60};

/// Reads `09:00-12:00,13:30-18:30` (intervals separated by commas, semicolons or spaces; `24:00`
/// ends a day; empty text is a day off). Errors name `field`; the result is also checked with
/// `check_day_hours`.
core::Result<DayHours> parse_day_hours(std::string_view text, std::string_view field = "hours");

/// Writes `09:00-12:00,13:30-18:30`; an empty string for a day off.
std::string format_day_hours(const DayHours& hours);

/// Problems with a day's hours: each interval must begin before it ends, within 00:00-24:00, and
/// the intervals must be in order without overlapping (touching is fine). Fields are `field[i]`.
std::vector<core::FieldError> check_day_hours(std::string_view field, const DayHours& hours);

/// The sum of the intervals' lengths, as written (DST days may differ in real time).
std::chrono::minutes nominal_length(const DayHours& hours);

}  // namespace gongdan::domain::sla
