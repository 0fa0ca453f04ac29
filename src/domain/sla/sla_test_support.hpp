#pragma once

// Helpers shared by the sla unit tests (header-only, never linked into the library).

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/time.hpp"
#include "core/time_zone.hpp"
#include "domain/sla/business_calendar.hpp"

namespace gongdan::domain::sla::testing {

/// An instant from RFC 3339 text; local times read best with their offset: 2026-02-13T16:00+08:00.
inline core::Timestamp at(const std::string& rfc3339) {
  const auto t = core::parse_rfc3339(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(core::Timestamp{});
}

inline std::string show(core::Timestamp t) { return core::format_rfc3339(t); }

inline core::TimeZone zone(const char* name) {
  auto z = core::TimeZone::locate(name);
  EXPECT_TRUE(z) << name;
  return z ? *z : core::TimeZone::utc();
}

inline DayHours hours(const char* text) {
  auto parsed = parse_day_hours(text);
  EXPECT_TRUE(parsed) << text;
  return parsed ? *parsed : DayHours{};
}

/// A Monday-Friday calendar in `zone_name` with `day` hours and no special days.
inline BusinessCalendar office(const char* zone_name, const char* day = "09:00-18:00", CalendarWindow window = {}) {
  auto calendar =
      BusinessCalendar::create({"office", zone(zone_name), WeeklyHours::monday_to_friday(hours(day)), {}}, window);
  EXPECT_TRUE(calendar);
  return *calendar;
}

inline std::chrono::milliseconds h(double hours) {
  return std::chrono::milliseconds{static_cast<std::int64_t>(hours * 3'600'000)};
}

}  // namespace gongdan::domain::sla::testing
