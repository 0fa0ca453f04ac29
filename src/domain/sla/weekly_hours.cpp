#include "domain/sla/weekly_hours.hpp"

namespace gongdan::domain::sla {

WeeklyHours WeeklyHours::monday_to_friday(const DayHours& hours) {
  WeeklyHours week;
  for (unsigned d = 1; d <= 5; ++d) week.set(std::chrono::weekday{d}, hours);
  return week;
}

WeeklyHours WeeklyHours::every_day(const DayHours& hours) {
  WeeklyHours week;
  for (unsigned d = 0; d < 7; ++d) week.set(std::chrono::weekday{d}, hours);
  return week;
}

bool WeeklyHours::has_working_time() const {
  for (const auto& day : days_) {
    if (!day.empty()) return true;
  }
  return false;
}

std::string_view WeeklyHours::day_name(std::chrono::weekday day) {
  static constexpr std::array<std::string_view, 7> kNames = {"sunday",   "monday", "tuesday", "wednesday",
                                                             "thursday", "friday", "saturday"};
  return kNames[day.c_encoding() % 7];
}

}  // namespace gongdan::domain::sla
