#include <gtest/gtest.h>

#include "domain/sla/business_time.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using testing::at;
using testing::h;
using testing::show;

BusinessCalendar sundays(const char* zone_name, const char* day) {
  WeeklyHours week;
  week.set(std::chrono::Sunday, testing::hours(day));
  auto calendar = BusinessCalendar::create({"sundays", testing::zone(zone_name), week, {}});
  EXPECT_TRUE(calendar);
  return *calendar;
}

TEST(BusinessTimeDst, NewYorkOfficeAcrossSpringForward) {
  const auto ny = testing::office("America/New_York");
  // Friday 17:00 EST + 2 h: 1 h on Friday, 1 h on Monday, now EDT.
  EXPECT_EQ(show(add_business_time(ny, at("2026-03-06T17:00:00-05:00"), h(2))), show(at("2026-03-09T10:00:00-04:00")));
  EXPECT_EQ(business_time_between(ny, at("2026-03-06T09:00:00-05:00"), at("2026-03-09T09:00:00-04:00")), h(9));
  EXPECT_EQ(business_time_between(ny, at("2026-03-02T00:00:00-05:00"), at("2026-03-16T00:00:00-04:00")), h(90));
  EXPECT_EQ(show(add_working_days(ny, at("2026-03-06T10:00:00-05:00"), 1)), show(at("2026-03-09T10:00:00-04:00")));
}

TEST(BusinessTimeDst, NewYorkOfficeAcrossFallBack) {
  const auto ny = testing::office("America/New_York");
  EXPECT_EQ(show(add_business_time(ny, at("2026-10-30T17:00:00-04:00"), h(2))), show(at("2026-11-02T10:00:00-05:00")));
  EXPECT_EQ(business_time_between(ny, at("2026-10-30T09:00:00-04:00"), at("2026-11-02T18:00:00-05:00")), h(18));
}

TEST(BusinessTimeDst, BerlinOfficeAcrossBothChanges) {
  const auto berlin = testing::office("Europe/Berlin", "09:00-12:00,13:00-18:00");
  EXPECT_EQ(show(add_business_time(berlin, at("2026-03-27T17:00:00+01:00"), h(2))),
            show(at("2026-03-30T10:00:00+02:00")));
  EXPECT_EQ(show(add_business_time(berlin, at("2026-10-23T17:00:00+02:00"), h(4))),
            show(at("2026-10-26T12:00:00+01:00")));
  EXPECT_EQ(business_time_between(berlin, at("2026-10-19T00:00:00+02:00"), at("2026-10-31T00:00:00+01:00")), h(80));
}

TEST(BusinessTimeDst, WholeDaysHaveTheirRealLength) {
  const auto ny = sundays("America/New_York", "00:00-24:00");
  EXPECT_EQ(business_time_between(ny, at("2026-03-07T00:00:00-05:00"), at("2026-03-10T00:00:00-04:00")), h(23));
  EXPECT_EQ(business_time_between(ny, at("2026-10-31T00:00:00-04:00"), at("2026-11-03T00:00:00-05:00")), h(25));
  EXPECT_EQ(business_time_between(ny, at("2026-03-14T00:00:00-04:00"), at("2026-03-17T00:00:00-04:00")), h(24));
  // 23 h after the Sunday's start is the next Sunday: that day has only 23.
  EXPECT_EQ(show(add_business_time(ny, at("2026-03-08T00:00:00-05:00"), h(23))), show(at("2026-03-09T00:00:00-04:00")));
  EXPECT_EQ(show(add_business_time(ny, at("2026-03-08T00:00:00-05:00"), h(24))), show(at("2026-03-15T01:00:00-04:00")));
}

TEST(BusinessTimeDst, ShiftsThroughTheChangedHour) {
  // A night shift 01:00-03:00 lasts from the first time clocks show 01:00 to the first time
  // they show 03:00: 1 h on the spring-forward night, 3 h on the fall-back night.
  const auto ny = sundays("America/New_York", "01:00-03:00");
  EXPECT_EQ(business_time_between(ny, at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00")), h(1));
  EXPECT_EQ(business_time_between(ny, at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00")), h(3));
  EXPECT_EQ(business_time_between(ny, at("2026-03-15T00:00:00-04:00"), at("2026-03-16T00:00:00-04:00")), h(2));
  // An interval wholly inside the skipped hour does not exist that night.
  const auto skipped = sundays("America/New_York", "02:00-03:00");
  EXPECT_EQ(business_time_between(skipped, at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00")), h(0));
  EXPECT_EQ(business_time_between(skipped, at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00")), h(1));
  EXPECT_EQ(show(add_business_time(skipped, at("2026-03-07T00:00:00-05:00"), h(0.5))),
            show(at("2026-03-15T02:30:00-04:00")));
}

TEST(BusinessTimeDst, SouthernHemisphere) {
  const auto sydney = testing::office("Australia/Sydney");
  // Sydney leaves daylight time on Sunday 2026-04-05.
  EXPECT_EQ(show(add_business_time(sydney, at("2026-04-03T17:00:00+11:00"), h(2))),
            show(at("2026-04-06T10:00:00+10:00")));
  EXPECT_EQ(show(add_business_time(sydney, at("2026-10-02T17:00:00+10:00"), h(2))),
            show(at("2026-10-05T10:00:00+11:00")));
}

}  // namespace
}  // namespace gongdan::domain::sla
