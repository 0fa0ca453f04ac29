#include "domain/sla/calendar_definition.hpp"

#include <map>

#include "domain/sla/civil_date.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain::sla {

bool is_valid_calendar_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxCalendarNameLength) return false;
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<core::FieldError> check_calendar_definition(const CalendarDefinition& definition) {
  std::vector<core::FieldError> problems;
  if (definition.name.empty()) {
    problems.push_back({"name", "required", "Required."});
  } else if (!is_valid_calendar_name(definition.name)) {
    problems.push_back({"name", "invalid", "1-64 letters, digits, '.', '_' or '-'."});
  }
  for (unsigned d = 0; d < 7; ++d) {
    const std::chrono::weekday day{d};
    auto day_problems = check_day_hours("weekly." + std::string(WeeklyHours::day_name(day)), definition.weekly.on(day));
    problems.insert(problems.end(), day_problems.begin(), day_problems.end());
  }
  // Without weekly hours a deadline could never be reached.
  if (!definition.weekly.has_working_time()) {
    problems.push_back({"weekly", "no_working_time", "At least one weekday needs working hours."});
  }
  if (definition.special_days.size() > kMaxSpecialDays) {
    problems.push_back({"special_days", "too_many", "At most " + std::to_string(kMaxSpecialDays) + " dates."});
    return problems;
  }
  std::map<std::chrono::year_month_day, std::size_t> seen;
  for (std::size_t i = 0; i < definition.special_days.size(); ++i) {
    const auto& day = definition.special_days[i];
    const std::string field = "special_days[" + std::to_string(i) + "]";
    const int year = static_cast<int>(day.date.year());
    if (!day.date.ok()) {
      problems.push_back({field + ".date", "invalid", "Not a calendar date."});
    } else if (year < kFirstCalendarYear || year > kLastCalendarYear) {
      problems.push_back(
          {field + ".date", "out_of_range",
           "Years " + std::to_string(kFirstCalendarYear) + "-" + std::to_string(kLastCalendarYear) + "."});
    } else if (const auto [it, inserted] = seen.emplace(day.date, i); !inserted) {
      problems.push_back(
          {field + ".date", "duplicate",
           format_iso_date(day.date) + " is already listed as special_days[" + std::to_string(it->second) + "]."});
    }
    if (auto name_problem = check_text(field + ".name", day.name, kMaxSpecialDayNameLength, Presence::kOptional)) {
      problems.push_back(std::move(*name_problem));
    }
    if (day.kind == DayKind::kHoliday && day.hours) {
      problems.push_back({field + ".hours", "not_allowed", "A holiday has no working hours."});
    } else if (day.hours) {
      if (day.hours->empty()) problems.push_back({field + ".hours", "required", "A workday needs working hours."});
      auto hour_problems = check_day_hours(field + ".hours", *day.hours);
      problems.insert(problems.end(), hour_problems.begin(), hour_problems.end());
    }
  }
  return problems;
}

}  // namespace gongdan::domain::sla
