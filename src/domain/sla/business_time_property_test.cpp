// Properties of the deadline maths over many random starts and durations, on calendars that
// exercise holidays, make-up days, lunch breaks, DST in both hemispheres and touching intervals.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "domain/sla/business_time.hpp"
#include "domain/sla/presets.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using core::from_epoch_ms;
using core::Timestamp;
using core::to_epoch_ms;
using std::chrono::milliseconds;
using testing::at;
using testing::show;

struct Named {
  const char* name;
  BusinessCalendar calendar;
};

std::vector<Named> calendars() {
  WeeklyHours split_days = WeeklyHours::every_day(testing::hours("00:00-12:00,12:00-24:00"));
  split_days.set(std::chrono::Saturday, {});
  WeeklyHours nights = WeeklyHours::every_day(testing::hours("00:00-02:00,22:00-24:00"));
  return {
      {"cn-mainland-2026", cn_mainland_2026_calendar()},
      {"24x7", always_open_calendar()},
      {"new-york", testing::office("America/New_York")},
      {"berlin-lunch", testing::office("Europe/Berlin", "09:00-12:00,13:30-18:30")},
      {"new-york-whole-days",
       *BusinessCalendar::create({"ny-days", testing::zone("America/New_York"), split_days, {}})},
      {"sydney-nights", *BusinessCalendar::create({"syd-nights", testing::zone("Australia/Sydney"), nights, {}})},
  };
}

class BusinessTimeProperties : public ::testing::Test {
 protected:
  std::mt19937_64 rng{20260215};
  Timestamp random_instant(const char* from = "2025-11-01T00:00:00Z", const char* to = "2027-02-01T00:00:00Z") {
    std::uniform_int_distribution<std::int64_t> ms(to_epoch_ms(at(from)), to_epoch_ms(at(to)));
    // Half the starts on whole minutes, where boundary bugs hide.
    const std::int64_t t = ms(rng);
    return from_epoch_ms(rng() % 2 == 0 ? t - t % 60'000 : t);
  }
  milliseconds random_duration() {
    std::uniform_int_distribution<std::int64_t> ms(0, 200LL * 3'600'000);
    const std::int64_t d = ms(rng);
    return milliseconds{rng() % 2 == 0 ? d - d % 60'000 : d};
  }
};

TEST_F(BusinessTimeProperties, AddingThenMeasuringGivesTheDurationBack) {
  for (const auto& [name, calendar] : calendars()) {
    for (int i = 0; i < 1500; ++i) {
      const Timestamp start = random_instant();
      const milliseconds d = random_duration();
      const Timestamp due = add_business_time(calendar, start, d);
      ASSERT_EQ(business_time_between(calendar, start, due), d)
          << name << " from " << show(start) << " + " << d.count();
      ASSERT_GE(due, start) << name;
      // The due instant is the earliest: a millisecond less of work lands a millisecond earlier.
      if (d > milliseconds{0}) {
        ASSERT_EQ(business_time_between(calendar, start, due - milliseconds{1}), d - milliseconds{1}) << name;
      }
    }
  }
}

TEST_F(BusinessTimeProperties, MonotonicInStartAndDuration) {
  for (const auto& [name, calendar] : calendars()) {
    for (int i = 0; i < 800; ++i) {
      const Timestamp s1 = random_instant();
      const Timestamp s2 = s1 + milliseconds{static_cast<std::int64_t>(rng() % (72LL * 3'600'000))};
      const milliseconds d1 = random_duration();
      const milliseconds d2 = d1 + milliseconds{static_cast<std::int64_t>(rng() % (24LL * 3'600'000))};
      ASSERT_LE(add_business_time(calendar, s1, d1), add_business_time(calendar, s1, d2)) << name;
      ASSERT_LE(add_business_time(calendar, s1, d1), add_business_time(calendar, s2, d1)) << name;
      ASSERT_LE(add_working_days(calendar, s1, 2), add_working_days(calendar, s2, 2)) << name << " " << show(s1);
      ASSERT_LE(add_working_days(calendar, s1, 2), add_working_days(calendar, s1, 3)) << name;
    }
  }
}

TEST_F(BusinessTimeProperties, MeasuringIsAdditiveAndBoundedByElapsedTime) {
  for (const auto& [name, calendar] : calendars()) {
    for (int i = 0; i < 800; ++i) {
      Timestamp a = random_instant(), b = random_instant(), c = random_instant();
      if (a > b) std::swap(a, b);
      if (b > c) std::swap(b, c);
      if (a > b) std::swap(a, b);
      const auto ab = business_time_between(calendar, a, b);
      const auto bc = business_time_between(calendar, b, c);
      ASSERT_EQ(ab + bc, business_time_between(calendar, a, c)) << name;
      ASSERT_LE(ab, b - a) << name;
      ASSERT_GE(ab, milliseconds{0}) << name;
      ASSERT_EQ(business_time_between(calendar, b, a), -ab) << name;
    }
  }
}

TEST_F(BusinessTimeProperties, TablesBuiltPerCallAgreeWithThePrecomputedWindow) {
  // The same calendars with a window far away compute every answer from per-year tables.
  const std::vector<std::pair<BusinessCalendar, BusinessCalendar>> pairs = {
      {testing::office("America/New_York"), testing::office("America/New_York", "09:00-18:00", {2100, 2100})},
      {testing::office("Australia/Sydney", "08:00-12:00,13:00-17:00"),
       testing::office("Australia/Sydney", "08:00-12:00,13:00-17:00", {1990, 1990})},
  };
  for (const auto& [windowed, per_call] : pairs) {
    // Each call outside a window builds a year's table, slow under the sanitizers: fewer rounds.
    for (int i = 0; i < 100; ++i) {
      const Timestamp start = random_instant("2025-06-01T00:00:00Z", "2027-06-01T00:00:00Z");
      const Timestamp end = random_instant("2025-06-01T00:00:00Z", "2027-06-01T00:00:00Z");
      // Long durations cross the year tables' boundaries.
      const milliseconds d = random_duration() * 5;
      ASSERT_EQ(add_business_time(windowed, start, d), add_business_time(per_call, start, d)) << show(start);
      ASSERT_EQ(business_time_between(windowed, start, end), business_time_between(per_call, start, end));
      ASSERT_EQ(add_working_days(windowed, start, 7), add_working_days(per_call, start, 7)) << show(start);
    }
  }
  // And past the window's end, where every calendar builds per-year tables.
  const auto cn = cn_mainland_2026_calendar();
  const Timestamp far = at("2045-03-03T10:00:00+08:00");  // a Friday
  EXPECT_EQ(show(add_business_time(cn, far, testing::h(9))), show(at("2045-03-06T10:00:00+08:00")));
  EXPECT_EQ(business_time_between(cn, at("2044-12-30T00:00:00+08:00"), at("2045-01-03T00:00:00+08:00")),
            testing::h(9 * 2));
}

TEST_F(BusinessTimeProperties, AgreesWithMinuteByMinuteCounting) {
  // Brute force: walk every minute, ask the zone for its wall clock and the calendar for that
  // date's hours. Valid for calendars whose intervals avoid the skipped and repeated hours.
  for (const auto& [name, calendar] : calendars()) {
    const auto& zone = calendar.time_zone();
    for (const char* week_start : {"2026-03-05T00:00:00Z", "2026-10-22T00:00:00Z", "2026-04-02T00:00:00Z",
                                   "2026-02-12T00:00:00Z", "2026-09-29T00:00:00Z"}) {
      const Timestamp from = at(week_start);
      const Timestamp to = from + std::chrono::days{6};
      std::int64_t minutes = 0;
      for (Timestamp t = from; t < to; t += std::chrono::minutes{1}) {
        const auto local = zone.to_local(t);
        const auto day = std::chrono::floor<std::chrono::days>(local);
        const auto minute = std::chrono::duration_cast<std::chrono::minutes>(local - day);
        bool working = false;
        for (const auto& interval : calendar.hours_on(std::chrono::year_month_day{day})) {
          working = working || (minute >= interval.begin && minute < interval.end);
        }
        minutes += working ? 1 : 0;
        ASSERT_EQ(is_working_time(calendar, t), working) << name << " " << show(t);
      }
      EXPECT_EQ(business_time_between(calendar, from, to), std::chrono::minutes{minutes}) << name << " " << week_start;
    }
  }
}

}  // namespace
}  // namespace gongdan::domain::sla
