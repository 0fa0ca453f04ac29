#include "domain/sla/calendar_ics.hpp"

#include <gtest/gtest.h>

#include <random>

#include "domain/sla/calendar_csv.hpp"
#include "domain/sla/presets.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::year;
using namespace std::chrono_literals;

std::string crlf(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string problem_of(const core::Result<std::vector<SpecialDay>>& result) {
  if (result) return "ok";
  return result.error().fields.front().field + " " + result.error().fields.front().code;
}

TEST(CalendarIcs, ExportsTheHolidaysAsMultiDayEvents) {
  const auto calendar = cn_mainland_2026_calendar();
  const std::string ics = format_calendar_ics(calendar.name(), calendar.definition().special_days);
  EXPECT_EQ(ics.substr(0, 17), "BEGIN:VCALENDAR\r\n");
  EXPECT_NE(ics.find("X-WR-CALNAME:cn-mainland-2026\r\n"), std::string::npos);
  // Spring Festival: one event Feb 15-23 (DTEND exclusive), the make-up days separately.
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260215\r\nDTEND;VALUE=DATE:20260224\r\nSUMMARY:春节 Spring Festival\r\n"
                     "CATEGORIES:HOLIDAY\r\n"),
            std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260214\r\nDTEND;VALUE=DATE:20260215\r\nSUMMARY:春节 Spring "
                     "Festival\r\nCATEGORIES:WORKDAY\r\n"),
            std::string::npos);
  std::size_t events = 0;
  for (std::size_t pos = 0; (pos = ics.find("BEGIN:VEVENT", pos)) != std::string::npos; ++pos) ++events;
  EXPECT_EQ(events, 13U);  // 7 holiday runs + 6 make-up days
  for (std::size_t pos = 0, next = 0; (next = ics.find("\r\n", pos)) != std::string::npos; pos = next + 2) {
    EXPECT_LE(next - pos, 75U) << ics.substr(pos, next - pos);
  }
}

TEST(CalendarIcs, RoundTrips) {
  const auto days = *parse_calendar_csv(cn_mainland_2026_csv());
  const auto back = parse_calendar_ics(format_calendar_ics("cn-mainland-2026", days));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, days);

  const std::vector<SpecialDay> tricky = {
      {year{2026} / 12 / 24, DayKind::kHoliday,
       "Long name; with, punctuation \\ and 中文字符 folded without breaking 春节快乐万事如意新年好", std::nullopt},
      {year{2026} / 12 / 26, DayKind::kWorkday, "Stocktake", DayHours{{10h, 12h}, {13h, 15h + 30min}}},
      {year{2026} / 12 / 27, DayKind::kWorkday, "Stocktake", DayHours{{10h, 12h}, {13h, 15h + 30min}}},
  };
  const std::string ics = format_calendar_ics("tricky", tricky);
  EXPECT_NE(ics.find("X-GONGDAN-HOURS:10:00-12:00,13:00-15:30\r\n"), std::string::npos);
  EXPECT_NE(ics.find("\r\n "), std::string::npos);  // the long name was folded
  const auto parsed = parse_calendar_ics(ics);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, tricky);
}

TEST(CalendarIcs, ReadsPublishedHolidayCalendars) {
  // The shape of public Chinese holiday feeds: no categories, 休 / 补班 in the summary, LF
  // line ends, a VTIMEZONE and an alarm to ignore, a cancelled event, DURATION instead of DTEND.
  const auto days = parse_calendar_ics(
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTIMEZONE\nTZID:Asia/Shanghai\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
      "TZOFFSETFROM:+0800\nTZOFFSETTO:+0800\nEND:STANDARD\nEND:VTIMEZONE\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDURATION:P1W\nSUMMARY:国庆节 休\nBEGIN:VALARM\n"
      "TRIGGER:-PT15M\nACTION:DISPLAY\nEND:VALARM\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART:20261010\nSUMMARY:国庆节 补班\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261011\nSUMMARY:withdrawn\nSTATUS:CANCELLED\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260920\nDTEND;VALUE=DATE:20260921\nSUMMARY:Make-up\n"
      "CATEGORIES:Chinese,workday\nEND:VEVENT\nEND:VCALENDAR\n");
  ASSERT_TRUE(days) << days.error().message;
  ASSERT_EQ(days->size(), 9U);
  EXPECT_EQ((*days)[0], (SpecialDay{year{2026} / 10 / 1, DayKind::kHoliday, "国庆节 休", std::nullopt}));
  EXPECT_EQ((*days)[6].date, year{2026} / 10 / 7);
  EXPECT_EQ((*days)[7], (SpecialDay{year{2026} / 10 / 10, DayKind::kWorkday, "国庆节 补班", std::nullopt}));
  EXPECT_EQ((*days)[8].kind, DayKind::kWorkday);
}

TEST(CalendarIcs, UnfoldsAndUnescapes) {
  const auto days = parse_calendar_ics(
      crlf("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nSUMMARY:New Year\\, \n Day\\; obs\n\terved\n"
           "CATEGORIES:HOLIDAY\nEND:VEVENT\nEND:VCALENDAR\n"));
  ASSERT_TRUE(days) << days.error().message;
  EXPECT_EQ(days->front().name, "New Year, Day; observed");
}

TEST(CalendarIcs, ErrorsNameTheLine) {
  const std::string head = "BEGIN:VCALENDAR\nBEGIN:VEVENT\n";
  EXPECT_EQ(problem_of(parse_calendar_ics("hello")), "line 1 invalid");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART:20260101T090000Z\nEND:VEVENT\nEND:VCALENDAR\n")),
            "line 3 invalid_date");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"
                                                 "END:VCALENDAR\n")),
            "line 2 recurring");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "SUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n")), "line 2 invalid_date");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20280101\n"
                                                 "END:VEVENT\nEND:VCALENDAR\n")),
            "line 2 invalid_date");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260105\nDTEND;VALUE=DATE:20260101\n"
                                                 "END:VEVENT\nEND:VCALENDAR\n")),
            "line 2 invalid_date");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260101\nCATEGORIES:HOLIDAY,WORKDAY\n"
                                                 "END:VEVENT\nEND:VCALENDAR\n")),
            "line 2 invalid_kind");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260101\nCATEGORIES:HOLIDAY\n"
                                                 "X-GONGDAN-HOURS:09:00-18:00\nEND:VEVENT\nEND:VCALENDAR\n")),
            "line 5 invalid_hours");
  EXPECT_EQ(problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260101\n")), "line 2 invalid");
  EXPECT_EQ(
      problem_of(parse_calendar_ics(head + "DTSTART;VALUE=DATE:20260101\nEND:VEVENT\n"
                                           "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20251231\nDTEND;VALUE=DATE:20260102\n"
                                           "END:VEVENT\nEND:VCALENDAR\n")),
      "line 5 duplicate");
}

TEST(CalendarIcs, SurvivesMangledInput) {
  // Not a fuzzer, but the same idea in every test run: damaged files fail cleanly (ASan and
  // UBSan watch), and whatever parses is a valid set of days.
  const auto calendar = cn_mainland_2026_calendar();
  const std::string ics = format_calendar_ics(calendar.name(), calendar.definition().special_days);
  std::mt19937_64 rng(4);
  for (int i = 0; i < 300; ++i) {
    std::string mangled = ics;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 8); ++k) {
      const std::size_t at = rng() % mangled.size();
      switch (rng() % 3) {
        case 0: mangled[at] = static_cast<char>(rng() % 256); break;
        case 1: mangled.erase(at, rng() % 40); break;
        default: mangled.insert(at, mangled.substr(rng() % mangled.size(), rng() % 40)); break;
      }
    }
    const auto parsed = parse_calendar_ics(mangled);
    if (parsed) {
      EXPECT_LE(parsed->size(), 400U);
    } else {
      EXPECT_FALSE(parsed.error().fields.empty());
    }
  }
}

}  // namespace
}  // namespace gongdan::domain::sla
