#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time_zone.hpp"
#include "domain/sla/special_day.hpp"
#include "domain/sla/weekly_hours.hpp"

namespace gongdan::domain::sla {

/// Everything an admin states about a business calendar; BusinessCalendar::create validates it.
struct CalendarDefinition {
  std::string name;          // `cn-mainland-2026`: letters, digits, `.`, `_`, `-`
  core::TimeZone time_zone;  // the zone the working hours are read in
  WeeklyHours weekly;
  std::vector<SpecialDay> special_days;  // at most one per date
};

/// Limits on a definition. Each stops a hostile or mistaken import from building huge tables.
inline constexpr std::size_t kMaxCalendarNameLength = 64;
inline constexpr std::size_t kMaxSpecialDays = 5000;  // decades of holidays
inline constexpr std::size_t kMaxSpecialDayNameLength = 100;
inline constexpr int kFirstCalendarYear = 1970;
inline constexpr int kLastCalendarYear = 2199;

/// Problems with a definition, each naming its field (`name`, `weekly.monday[1]`,
/// `special_days[3].date`, ...); empty when the definition is usable.
std::vector<core::FieldError> check_calendar_definition(const CalendarDefinition& definition);

/// True for a usable calendar name: 1-64 of `A-Z a-z 0-9 . _ -`.
bool is_valid_calendar_name(std::string_view name);

}  // namespace gongdan::domain::sla
