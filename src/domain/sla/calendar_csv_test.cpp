#include "domain/sla/calendar_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "domain/sla/calendar_definition.hpp"
#include "domain/sla/presets.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::year;
using namespace std::chrono_literals;

const core::FieldError& first_problem(const core::Result<std::vector<SpecialDay>>& result) {
  EXPECT_FALSE(result);
  EXPECT_EQ(result.error().reason, "invalid_calendar_file");
  return result.error().fields.front();
}

TEST(CalendarCsv, ReadsTheOfficialScheduleFile) {
  const auto days = parse_calendar_csv(cn_mainland_2026_csv());
  ASSERT_TRUE(days) << days.error().message;
  EXPECT_EQ(days->size(), 39U);
  EXPECT_EQ(days->front(), (SpecialDay{year{2026} / 1 / 1, DayKind::kHoliday, "元旦 New Year's Day", std::nullopt}));
  EXPECT_EQ(days->back(), (SpecialDay{year{2026} / 10 / 10, DayKind::kWorkday, "国庆节 National Day", std::nullopt}));
  const auto workdays =
      std::count_if(days->begin(), days->end(), [](const auto& d) { return d.kind == DayKind::kWorkday; });
  EXPECT_EQ(workdays, 6);  // Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10
}

TEST(CalendarCsv, RoundTrips) {
  const auto days = *parse_calendar_csv(cn_mainland_2026_csv());
  const std::string text = format_calendar_csv(days, "Exported by Gongdan\nsecond line");
  EXPECT_EQ(text.substr(0, 24), "# Exported by Gongdan\n# ");
  EXPECT_NE(text.find("\ndate,kind,name\n2026-01-01,holiday,元旦 New Year's Day\n"), std::string::npos);
  EXPECT_EQ(*parse_calendar_csv(text), days);

  std::vector<SpecialDay> tricky = {
      {year{2026} / 12 / 31, DayKind::kWorkday, "Year end, \"short\" day", DayHours{{9h, 12h}, {13h, 15h}}},
      {year{2026} / 12 / 25, DayKind::kHoliday, " padded ", std::nullopt},
      {year{2026} / 12 / 26, DayKind::kWorkday, "", std::nullopt},
  };
  const std::string tricky_text = format_calendar_csv(tricky);
  EXPECT_NE(tricky_text.find("2026-12-31,workday,\"Year end, \"\"short\"\" day\",\"09:00-12:00,13:00-15:00\""),
            std::string::npos);
  const auto back = parse_calendar_csv(tricky_text);
  ASSERT_TRUE(back) << back.error().message;
  std::sort(tricky.begin(), tricky.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  EXPECT_EQ(*back, tricky);
}

TEST(CalendarCsv, AcceptsWhatSpreadsheetsWrite) {
  const auto days = parse_calendar_csv(
      "\xEF\xBB\xBF"
      "Date,Kind,Name\r\n2026-05-09, WORKDAY ,劳动节\r\n\r\n  # note\r\n");
  ASSERT_TRUE(days) << days.error().message;
  ASSERT_EQ(days->size(), 1U);
  EXPECT_EQ(days->front().kind, DayKind::kWorkday);
  EXPECT_EQ(days->front().name, "劳动节");
  EXPECT_TRUE(parse_calendar_csv("2026-05-01,holiday,no header\n"));
  EXPECT_TRUE(parse_calendar_csv("")->empty());
}

TEST(CalendarCsv, ErrorsNameTheLine) {
  EXPECT_EQ(first_problem(parse_calendar_csv("# c\ndate,kind,name\n2026-02-30,holiday,x\n")).field, "line 3");
  EXPECT_EQ(first_problem(parse_calendar_csv("2026-02-15,vacation,x\n")).code, "invalid_kind");
  EXPECT_EQ(first_problem(parse_calendar_csv("2026-02-15,holiday\n")).code, "invalid");
  EXPECT_EQ(first_problem(parse_calendar_csv("2026-02-15,holiday,\"open\n")).code, "invalid");
  EXPECT_EQ(first_problem(parse_calendar_csv("2026-02-15,holiday,x,09:00-18:00\n")).code, "invalid_hours");
  EXPECT_EQ(first_problem(parse_calendar_csv("2026-02-14,workday,x,9-18\n")).code, "invalid_hours");
  const auto duplicate = parse_calendar_csv("2026-02-15,holiday,a\n\n2026-02-15,holiday,b\n");
  EXPECT_EQ(first_problem(duplicate).field, "line 3");
  EXPECT_EQ(duplicate.error().message, "Line 3: 2026-02-15 is already listed on line 1.");
  // Several problems are all reported, each with its line.
  const auto many = parse_calendar_csv("bad,holiday,x\n2026-01-01,holiday,ok\nalso bad,holiday,y\n");
  ASSERT_FALSE(many);
  ASSERT_EQ(many.error().fields.size(), 2U);
  EXPECT_EQ(many.error().fields[1].field, "line 3");
}

TEST(CalendarCsv, LimitsRowsAndProblems) {
  std::string huge;
  for (int i = 0; i < 30; ++i) huge += "x,y,z\n";
  EXPECT_EQ(parse_calendar_csv(huge).error().fields.size(), 20U);
  std::string rows;
  auto day = std::chrono::sys_days{year{2000} / 1 / 1};
  for (std::size_t i = 0; i <= kMaxSpecialDays; ++i, day += std::chrono::days{1}) {
    const std::chrono::year_month_day ymd{day};
    char line[40];
    std::snprintf(line, sizeof line, "%04d-%02u-%02u,holiday,x\n", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    rows += line;
  }
  EXPECT_EQ(first_problem(parse_calendar_csv(rows)).code, "too_many");
}

TEST(CalendarCsv, SurvivesMangledInput) {
  const std::string csv(cn_mainland_2026_csv());
  std::mt19937_64 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string mangled = csv;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 8); ++k) {
      const std::size_t at = rng() % mangled.size();
      if (rng() % 2 == 0) {
        mangled[at] = "\",\n\r#0-9x"[rng() % 10];
      } else {
        mangled.erase(at, rng() % 20);
      }
    }
    const auto parsed = parse_calendar_csv(mangled);
    if (!parsed) {
      EXPECT_EQ(parsed.error().fields.front().field.substr(0, 5), "line ");
    }
  }
}

}  // namespace
}  // namespace gongdan::domain::sla
