#include "domain/sla/presets.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "domain/sla/civil_date.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::year;

TEST(Presets, Cn2026IsTheOfficialSchedule) {
  const auto cn = cn_mainland_2026_calendar();
  EXPECT_EQ(cn.name(), "cn-mainland-2026");
  EXPECT_EQ(cn.time_zone().name(), "Asia/Shanghai");
  EXPECT_EQ(format_day_hours(cn.hours_on(year{2026} / 3 / 9)), "09:00-18:00");
  EXPECT_EQ(cn.definition().special_days.size(), 39U);
  for (const auto date : {year{2026} / 1 / 4, year{2026} / 2 / 14, year{2026} / 2 / 28, year{2026} / 5 / 9,
                          year{2026} / 9 / 20, year{2026} / 10 / 10}) {
    EXPECT_EQ(format_day_hours(cn.hours_on(date)), "09:00-18:00") << format_iso_date(date);
    // Every make-up day falls on a weekend.
    const std::chrono::weekday wd{std::chrono::sys_days{date}};
    EXPECT_TRUE(wd == std::chrono::Saturday || wd == std::chrono::Sunday);
  }
  for (unsigned d = 15; d <= 23; ++d) EXPECT_FALSE(cn.is_working_day(year{2026} / 2 / d)) << d;
  for (unsigned d = 1; d <= 7; ++d) EXPECT_FALSE(cn.is_working_day(year{2026} / 10 / d)) << d;
}

TEST(Presets, ByName) {
  EXPECT_EQ(preset_calendar("cn-mainland-2026")->name(), "cn-mainland-2026");
  EXPECT_TRUE(preset_calendar("24x7")->is_always_open());
  EXPECT_FALSE(preset_calendar("cn-mainland-2027"));
  EXPECT_EQ(preset_calendar_names().size(), 2U);
}

TEST(Presets, EmbeddedCsvMatchesTheFileInTheRepository) {
  // Look for the checked-in file from the working directory upwards (tests run from the
  // checkout or from the build tree inside it).
  const std::filesystem::path relative = "src/domain/sla/presets/cn-mainland-2026.csv";
  for (auto dir = std::filesystem::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / relative)) {
      std::ifstream file(dir / relative, std::ios::binary);
      const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
      EXPECT_EQ(text, cn_mainland_2026_csv()) << "regenerate presets/cn_mainland_2026_csv.cpp from the .csv";
      return;
    }
    if (dir == dir.parent_path()) break;
  }
  GTEST_SKIP() << "source tree not found from " << std::filesystem::current_path();
}

}  // namespace
}  // namespace gongdan::domain::sla
