#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/sla/working_hours.hpp"

namespace gongdan::domain::sla {

/// What a listed date is: a day off, or a working day where the week has none (调休上班, a
/// make-up workday on a Saturday or Sunday) or different hours.
enum class DayKind { kHoliday, kWorkday };

/// `holiday` / `workday`, the words of the CSV file and of the API.
std::string_view to_string(DayKind kind);
std::optional<DayKind> parse_day_kind(std::string_view text);

/// A date that departs from the weekly hours: a public holiday or a make-up workday.
struct SpecialDay {
  std::chrono::year_month_day date;
  DayKind kind = DayKind::kHoliday;
  std::string name;  // 春节 Spring Festival
  /// Workdays only: the hours worked; nullopt means the calendar's make-up hours (its first
  /// Monday-to-Friday hours).
  std::optional<DayHours> hours;
  bool operator==(const SpecialDay&) const = default;
};

}  // namespace gongdan::domain::sla
