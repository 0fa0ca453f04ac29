#include "domain/sla/business_time.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/sla/presets.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::milliseconds;
using testing::at;
using testing::h;
using testing::show;

// The 2026 mainland China schedule, Monday-Friday 09:00-18:00 Asia/Shanghai.
class Cn2026BusinessTime : public ::testing::Test {
 protected:
  BusinessCalendar cn = cn_mainland_2026_calendar();
  std::string due(const char* start, milliseconds d) { return show(add_business_time(cn, at(start), d)); }
};

TEST_F(Cn2026BusinessTime, FourHoursFromFridayAfternoonLandOnTheMakeUpSaturday) {
  // Friday Feb 13 16:00-18:00 gives 2 h; Saturday Feb 14 is a make-up workday from 09:00.
  EXPECT_EQ(due("2026-02-13T16:00:00+08:00", h(4)), show(at("2026-02-14T11:00:00+08:00")));
  // 9 h more finishes Saturday; the next work is after the Spring Festival, Tuesday Feb 24.
  EXPECT_EQ(due("2026-02-13T16:00:00+08:00", h(11)), show(at("2026-02-14T18:00:00+08:00")));
  EXPECT_EQ(due("2026-02-13T16:00:00+08:00", h(12)), show(at("2026-02-24T10:00:00+08:00")));
}

TEST_F(Cn2026BusinessTime, DeadlineStartingOnTheFestivalLandsOnFebruary24) {
  EXPECT_EQ(due("2026-02-20T10:00:00+08:00", h(1)), show(at("2026-02-24T10:00:00+08:00")));
  EXPECT_EQ(due("2026-02-20T10:00:00+08:00", h(8)), show(at("2026-02-24T17:00:00+08:00")));
  EXPECT_EQ(due("2026-02-20T10:00:00+08:00", h(9)), show(at("2026-02-24T18:00:00+08:00")));
  // Monday Feb 23 is a holiday too, though the weekly hours would work it.
  EXPECT_EQ(due("2026-02-23T09:00:00+08:00", h(0.5)), show(at("2026-02-24T09:30:00+08:00")));
}

TEST_F(Cn2026BusinessTime, TheFestivalFortnightHasSevenWorkingDays) {
  // Feb 13, 14 (make-up), 24, 25, 26, 27, 28 (make-up): 7 days of 9 h.
  EXPECT_EQ(business_time_between(cn, at("2026-02-13T09:00:00+08:00"), at("2026-03-02T09:00:00+08:00")), h(63));
  EXPECT_EQ(due("2026-02-27T17:00:00+08:00", h(2)), show(at("2026-02-28T10:00:00+08:00")));
}

TEST_F(Cn2026BusinessTime, MakeUpSundays) {
  // New Year: Jan 1-3 off, Sunday Jan 4 works.
  EXPECT_EQ(due("2026-01-03T12:00:00+08:00", h(2)), show(at("2026-01-04T11:00:00+08:00")));
  EXPECT_EQ(due("2025-12-31T17:00:00+08:00", h(2)), show(at("2026-01-04T10:00:00+08:00")));
  // Sunday Sep 20 works for National Day.
  EXPECT_EQ(due("2026-09-18T17:00:00+08:00", h(3)), show(at("2026-09-20T11:00:00+08:00")));
  EXPECT_EQ(business_time_between(cn, at("2026-09-19T00:00:00+08:00"), at("2026-09-21T00:00:00+08:00")), h(9));
}

TEST_F(Cn2026BusinessTime, NationalDayAndMidAutumn) {
  // Mid-Autumn Sep 25-27 (Fri-Sun), National Day Oct 1-7, make-up Saturday Oct 10.
  EXPECT_EQ(due("2026-09-24T17:00:00+08:00", h(2)), show(at("2026-09-28T10:00:00+08:00")));
  EXPECT_EQ(due("2026-09-30T17:00:00+08:00", h(2)), show(at("2026-10-08T10:00:00+08:00")));
  EXPECT_EQ(due("2026-10-09T17:00:00+08:00", h(2)), show(at("2026-10-10T10:00:00+08:00")));
  EXPECT_EQ(business_time_between(cn, at("2026-09-30T00:00:00+08:00"), at("2026-10-12T00:00:00+08:00")), h(4 * 9));
}

TEST_F(Cn2026BusinessTime, ClosingTimeIsTheDueTimeNotTheNextOpening) {
  EXPECT_EQ(due("2026-03-06T16:00:00+08:00", h(2)), show(at("2026-03-06T18:00:00+08:00")));
  EXPECT_EQ(due("2026-03-06T16:00:00+08:00", h(2) + milliseconds{1}), show(at("2026-03-09T09:00:00.001+08:00")));
  // Outside hours the clock waits for the opening.
  EXPECT_EQ(due("2026-03-06T20:00:00+08:00", h(1)), show(at("2026-03-09T10:00:00+08:00")));
  EXPECT_EQ(due("2026-03-09T07:00:00+08:00", h(1)), show(at("2026-03-09T10:00:00+08:00")));
}

TEST_F(Cn2026BusinessTime, ZeroNegativeAndReversed) {
  EXPECT_EQ(due("2026-02-16T10:00:00+08:00", milliseconds{0}), show(at("2026-02-16T10:00:00+08:00")));
  EXPECT_THROW((void)add_business_time(cn, at("2026-02-16T10:00:00+08:00"), milliseconds{-1}), std::invalid_argument);
  EXPECT_EQ(business_time_between(cn, at("2026-03-09T12:00:00+08:00"), at("2026-03-09T10:00:00+08:00")), -h(2));
  EXPECT_EQ(business_time_between(cn, at("2026-03-09T12:00:00+08:00"), at("2026-03-09T12:00:00+08:00")), h(0));
}

TEST_F(Cn2026BusinessTime, WorkingTimeAndDays) {
  EXPECT_TRUE(is_working_time(cn, at("2026-02-14T10:00:00+08:00")));
  EXPECT_FALSE(is_working_time(cn, at("2026-02-16T10:00:00+08:00")));
  EXPECT_TRUE(is_working_time(cn, at("2026-02-13T09:00:00+08:00")));
  EXPECT_FALSE(is_working_time(cn, at("2026-02-13T18:00:00+08:00")));  // intervals are [begin, end)
  using std::chrono::February;
  EXPECT_TRUE(cn.is_working_day(std::chrono::year{2026} / February / 14));
  EXPECT_FALSE(cn.is_working_day(std::chrono::year{2026} / February / 16));
  EXPECT_EQ(cn.special_day(std::chrono::year{2026} / February / 16)->name, "春节 Spring Festival");
  EXPECT_EQ(cn.special_day(std::chrono::year{2026} / February / 12), nullptr);
}

TEST_F(Cn2026BusinessTime, WorkingDaysSkipHolidaysAndCountMakeUpDays) {
  const auto days = [&](const char* start, int n) { return show(add_working_days(cn, at(start), n)); };
  EXPECT_EQ(days("2026-02-13T10:00:00+08:00", 1), show(at("2026-02-14T10:00:00+08:00")));
  EXPECT_EQ(days("2026-02-13T10:00:00+08:00", 2), show(at("2026-02-24T10:00:00+08:00")));
  // From an opening (or a closed day) n days end at the n-th day's close.
  EXPECT_EQ(days("2026-02-13T09:00:00+08:00", 1), show(at("2026-02-13T18:00:00+08:00")));
  EXPECT_EQ(days("2026-02-15T15:00:00+08:00", 1), show(at("2026-02-24T18:00:00+08:00")));
  EXPECT_EQ(days("2026-02-13T20:00:00+08:00", 3), show(at("2026-02-25T18:00:00+08:00")));
  EXPECT_EQ(days("2026-02-13T10:00:00+08:00", 0), show(at("2026-02-13T10:00:00+08:00")));
  // A target in days and hours: days first, then time.
  EXPECT_EQ(show(due_at(cn, at("2026-02-13T10:00:00+08:00"), {1, std::chrono::hours{2}})),
            show(at("2026-02-14T12:00:00+08:00")));
  EXPECT_EQ(show(due_at(cn, at("2026-02-13T17:00:00+08:00"), {1, std::chrono::hours{2}})),
            show(at("2026-02-24T10:00:00+08:00")));
  EXPECT_EQ(business_time_of(cn, at("2026-02-13T10:00:00+08:00"), {3, std::chrono::minutes{0}}), h(27));
  EXPECT_THROW((void)add_working_days(cn, at("2026-02-13T10:00:00+08:00"), -1), std::invalid_argument);
}

TEST(BusinessTime, WorkingDaysOnTheAlwaysOpenCalendarAreTwentyFourHours) {
  const auto open = always_open_calendar();
  EXPECT_TRUE(open.is_always_open());
  EXPECT_EQ(show(due_at(open, at("2026-02-13T10:30:00Z"), {3, std::chrono::minutes{90}})),
            show(at("2026-02-16T12:00:00Z")));
  EXPECT_EQ(show(add_business_time(open, at("2026-02-15T23:00:00Z"), h(1))), show(at("2026-02-16T00:00:00Z")));
  EXPECT_EQ(business_time_between(open, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")), h(365 * 24));
  EXPECT_TRUE(is_working_time(open, at("2026-02-16T03:00:00Z")));
}

TEST(BusinessTime, LunchBreaksAreNotWorked) {
  const auto calendar = testing::office("Asia/Shanghai", "09:00-12:00,13:30-18:30");
  EXPECT_EQ(show(add_business_time(calendar, at("2026-03-09T11:00:00+08:00"), h(2))),
            show(at("2026-03-09T14:30:00+08:00")));
  EXPECT_EQ(show(add_business_time(calendar, at("2026-03-09T11:00:00+08:00"), h(1))),
            show(at("2026-03-09T12:00:00+08:00")));
  EXPECT_EQ(business_time_between(calendar, at("2026-03-09T11:00:00+08:00"), at("2026-03-09T14:00:00+08:00")), h(1.5));
  // Make-up days default to the Monday-Friday hours, lunch break included.
  EXPECT_EQ(calendar.makeup_hours(), testing::hours("09:00-12:00,13:30-18:30"));
}

TEST(BusinessTime, MakeUpDaysWithHoursOfTheirOwn) {
  using std::chrono::March;
  CalendarDefinition definition{
      "short-saturday",
      testing::zone("Asia/Shanghai"),
      WeeklyHours::monday_to_friday(testing::hours("09:00-18:00")),
      {{std::chrono::year{2026} / March / 14, DayKind::kWorkday, "stocktake", testing::hours("10:00-12:00")}}};
  const auto calendar = BusinessCalendar::create(definition);
  ASSERT_TRUE(calendar);
  EXPECT_EQ(show(add_business_time(*calendar, at("2026-03-13T17:00:00+08:00"), h(2))),
            show(at("2026-03-14T11:00:00+08:00")));
  EXPECT_EQ(show(add_business_time(*calendar, at("2026-03-13T17:00:00+08:00"), h(4))),
            show(at("2026-03-16T10:00:00+08:00")));
}

}  // namespace
}  // namespace gongdan::domain::sla
