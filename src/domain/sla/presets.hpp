#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/sla/business_calendar.hpp"

namespace gongdan::domain::sla {

/// `cn-mainland-2026`: Monday-Friday 09:00-18:00 Asia/Shanghai with the official 2026 holidays
/// and make-up workdays (State Council notice of 2025-11-04). Built once, on first use.
BusinessCalendar cn_mainland_2026_calendar();

/// `24x7`: every instant is working time (UTC; the zone does not matter when nothing closes).
BusinessCalendar always_open_calendar();

/// A shipped calendar by name, for a policy that names one.
std::optional<BusinessCalendar> preset_calendar(std::string_view name);
std::vector<std::string_view> preset_calendar_names();

/// The embedded text of presets/cn-mainland-2026.csv (also the file admins can download and
/// edit for next year).
std::string_view cn_mainland_2026_csv();

}  // namespace gongdan::domain::sla
