#include "domain/sla/presets.hpp"

#include <stdexcept>

#include "domain/sla/calendar_csv.hpp"

namespace gongdan::domain::sla {

BusinessCalendar cn_mainland_2026_calendar() {
  static const BusinessCalendar calendar = [] {
    // The shipped data and zone are part of the binary: a failure here is a build bug.
    auto zone = core::TimeZone::locate("Asia/Shanghai");
    auto days = parse_calendar_csv(cn_mainland_2026_csv());
    if (!zone || !days) throw std::logic_error("the cn-mainland-2026 preset does not load");
    const DayHours nine_to_six{{std::chrono::hours{9}, std::chrono::hours{18}}};
    auto created = BusinessCalendar::create(
        {"cn-mainland-2026", *zone, WeeklyHours::monday_to_friday(nine_to_six), std::move(*days)});
    if (!created) throw std::logic_error("the cn-mainland-2026 preset is invalid: " + created.error().message);
    return *created;
  }();
  return calendar;
}

BusinessCalendar always_open_calendar() {
  static const BusinessCalendar calendar = BusinessCalendar::always_open("24x7");
  return calendar;
}

std::optional<BusinessCalendar> preset_calendar(std::string_view name) {
  if (name == "cn-mainland-2026") return cn_mainland_2026_calendar();
  if (name == "24x7") return always_open_calendar();
  return std::nullopt;
}

std::vector<std::string_view> preset_calendar_names() { return {"cn-mainland-2026", "24x7"}; }

}  // namespace gongdan::domain::sla
