#pragma once

#include <array>
#include <chrono>
#include <string_view>

#include "domain/sla/working_hours.hpp"

namespace gongdan::domain::sla {

/// The working hours of a normal week, one DayHours per weekday.
class WeeklyHours {
 public:
  WeeklyHours() = default;
  /// The same hours Monday to Friday, weekends off: the usual office week.
  static WeeklyHours monday_to_friday(const DayHours& hours);
  /// The same hours every day of the week.
  static WeeklyHours every_day(const DayHours& hours);

  const DayHours& on(std::chrono::weekday day) const { return days_[day.c_encoding()]; }
  void set(std::chrono::weekday day, DayHours hours) { days_[day.c_encoding()] = std::move(hours); }
  bool has_working_time() const;
  bool operator==(const WeeklyHours&) const = default;

  /// `monday` ... `sunday`: the field names used in validation errors.
  static std::string_view day_name(std::chrono::weekday day);

 private:
  std::array<DayHours, 7> days_;  // by weekday::c_encoding(): 0 is Sunday
};

}  // namespace gongdan::domain::sla
