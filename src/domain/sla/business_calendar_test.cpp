#include "domain/sla/business_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::year;
using namespace std::chrono_literals;

std::vector<std::string> fields_of(const core::Error& error) {
  std::vector<std::string> fields;
  for (const auto& f : error.fields) fields.push_back(f.field + ":" + f.code);
  return fields;
}

CalendarDefinition valid() {
  return {"office", testing::zone("Asia/Shanghai"), WeeklyHours::monday_to_friday(testing::hours("09:00-18:00")), {}};
}

TEST(WorkingHours, ParsesAndFormatsIntervals) {
  const auto hours = parse_day_hours("09:00-12:00, 13:30-18:30");
  ASSERT_TRUE(hours);
  EXPECT_EQ(hours->size(), 2U);
  EXPECT_EQ((*hours)[1], (WorkingInterval{13h + 30min, 18h + 30min}));
  EXPECT_EQ(format_day_hours(*hours), "09:00-12:00,13:30-18:30");
  EXPECT_EQ(nominal_length(*hours), 8h);
  EXPECT_EQ(format_day_hours(*parse_day_hours("00:00-24:00")), "00:00-24:00");
  EXPECT_TRUE(parse_day_hours("")->empty());
  EXPECT_TRUE(parse_day_hours("09:00-12:00,12:00-13:00"));  // touching is fine
}

TEST(WorkingHours, RejectsBadIntervalsNamingThem) {
  EXPECT_EQ(parse_day_hours("9-18").error().fields.front().field, "hours[0]");
  EXPECT_EQ(parse_day_hours("09:00-18:00,25:00-26:00").error().fields.front().field, "hours[1]");
  EXPECT_EQ(parse_day_hours("18:00-09:00").error().fields.front().code, "invalid_interval");
  EXPECT_EQ(parse_day_hours("09:00-09:00").error().fields.front().code, "invalid_interval");
  EXPECT_EQ(parse_day_hours("13:00-18:00,09:00-12:00").error().fields.front().code, "overlapping");
  EXPECT_EQ(parse_day_hours("09:00-13:00,12:00-18:00").error().fields.front().code, "overlapping");
  EXPECT_FALSE(parse_day_hours("24:30-24:45"));
  EXPECT_FALSE(parse_day_hours("09:60-10:00"));
}

TEST(BusinessCalendar, ValidationNamesEveryField) {
  CalendarDefinition bad = valid();
  bad.name = "bad name!";
  bad.weekly.set(std::chrono::Tuesday, {{9h, 12h}, {11h, 18h}});
  bad.weekly.set(std::chrono::Wednesday, {{18h, 9h}});
  bad.special_days = {
      {year{2026} / 2 / 16, DayKind::kHoliday, "春节", testing::hours("09:00-10:00")},
      {year{2026} / 2 / 16, DayKind::kHoliday, "again", std::nullopt},
      {year{1900} / 1 / 1, DayKind::kHoliday, "", std::nullopt},
      {year{2026} / 2 / 30, DayKind::kHoliday, "", std::nullopt},
      {year{2026} / 2 / 14, DayKind::kWorkday, "", DayHours{}},
  };
  const auto created = BusinessCalendar::create(bad);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, core::ErrorCode::kInvalid);
  const auto fields = fields_of(created.error());
  for (const char* expected :
       {"name:invalid", "weekly.tuesday[1]:overlapping", "weekly.wednesday[0]:invalid_interval",
        "special_days[0].hours:not_allowed", "special_days[1].date:duplicate", "special_days[2].date:out_of_range",
        "special_days[3].date:invalid", "special_days[4].hours:required"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
  }
  CalendarDefinition closed = valid();
  closed.weekly = WeeklyHours{};
  closed.name = "";
  const auto closed_fields = fields_of(BusinessCalendar::create(closed).error());
  EXPECT_EQ(closed_fields, (std::vector<std::string>{"name:required", "weekly:no_working_time"}));
}

TEST(BusinessCalendar, HoursOnADate) {
  CalendarDefinition definition = valid();
  definition.weekly.set(std::chrono::Monday, testing::hours("10:00-12:00,13:00-19:00"));
  definition.special_days = {
      {year{2026} / 10 / 10, DayKind::kWorkday, "国庆节 National Day", std::nullopt},
      {year{2026} / 10 / 1, DayKind::kHoliday, "国庆节 National Day", std::nullopt},
      {year{2026} / 12 / 31, DayKind::kWorkday, "Year end", testing::hours("09:00-12:00")},
  };
  const auto calendar = BusinessCalendar::create(definition);
  ASSERT_TRUE(calendar);
  EXPECT_TRUE(calendar->hours_on(year{2026} / 10 / 1).empty());
  // Make-up days work the first Monday-to-Friday hours: Monday's here.
  EXPECT_EQ(calendar->hours_on(year{2026} / 10 / 10), testing::hours("10:00-12:00,13:00-19:00"));
  EXPECT_EQ(calendar->hours_on(year{2026} / 12 / 31), testing::hours("09:00-12:00"));
  EXPECT_EQ(calendar->hours_on(year{2026} / 10 / 9), testing::hours("09:00-18:00"));  // a Friday
  EXPECT_TRUE(calendar->hours_on(year{2026} / 10 / 11).empty());                      // a Sunday
  // Special days come back sorted by date.
  EXPECT_EQ(calendar->definition().special_days.front().date, year{2026} / 10 / 1);
  EXPECT_EQ(calendar->name(), "office");
  EXPECT_EQ(calendar->time_zone().name(), "Asia/Shanghai");
  EXPECT_FALSE(calendar->is_always_open());
}

TEST(BusinessCalendar, AlwaysOpen) {
  const auto open = BusinessCalendar::always_open("24x7", testing::zone("Europe/Berlin"));
  EXPECT_TRUE(open.is_always_open());
  EXPECT_EQ(open.hours_on(year{2026} / 3 / 29), testing::hours("00:00-24:00"));
  EXPECT_TRUE(BusinessCalendar::create(open.definition()));
}

TEST(BusinessCalendar, NamesAreIdentifiers) {
  EXPECT_TRUE(is_valid_calendar_name("cn-mainland-2026"));
  EXPECT_TRUE(is_valid_calendar_name("24x7"));
  EXPECT_TRUE(is_valid_calendar_name("eu_office.v2"));
  EXPECT_FALSE(is_valid_calendar_name(""));
  EXPECT_FALSE(is_valid_calendar_name("中国"));
  EXPECT_FALSE(is_valid_calendar_name("a/b"));
  EXPECT_FALSE(is_valid_calendar_name(std::string(65, 'a')));
}

}  // namespace
}  // namespace gongdan::domain::sla
