#include "domain/sla/sla_duration.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain::sla {
namespace {

using std::chrono::minutes;

TEST(SlaDuration, ReadsMinutesHoursAndWorkingDays) {
  EXPECT_EQ(*parse_sla_duration("90m"), (SlaDuration{0, minutes{90}}));
  EXPECT_EQ(*parse_sla_duration("8h"), (SlaDuration{0, minutes{480}}));
  EXPECT_EQ(*parse_sla_duration("1h30m"), (SlaDuration{0, minutes{90}}));
  EXPECT_EQ(*parse_sla_duration("3d"), (SlaDuration{3, minutes{0}}));
  EXPECT_EQ(*parse_sla_duration("1d 4h 5m"), (SlaDuration{1, minutes{245}}));
  EXPECT_EQ(*parse_sla_duration("0m"), (SlaDuration{0, minutes{0}}));
  EXPECT_EQ(*parse_sla_duration("3650d"), (SlaDuration{3650, minutes{0}}));
}

TEST(SlaDuration, WritesTheCanonicalForm) {
  EXPECT_EQ(format_sla_duration({0, minutes{90}}), "1h30m");
  EXPECT_EQ(format_sla_duration({0, minutes{480}}), "8h");
  EXPECT_EQ(format_sla_duration({3, minutes{0}}), "3d");
  EXPECT_EQ(format_sla_duration({1, minutes{5}}), "1d5m");
  EXPECT_EQ(format_sla_duration({0, minutes{0}}), "0m");
  for (const char* text : {"45m", "2h", "1d2h3m", "10d"}) {
    EXPECT_EQ(format_sla_duration(*parse_sla_duration(text)), text);
  }
}

TEST(SlaDuration, RefusesWhatItWouldHaveToGuess) {
  for (const char* bad : {"", " ", "90", "m", "1.5h", "-1h", "30m1h", "1h1h", "1H", "2w", "1d-", "3651d", "99999999m",
                          "87601h", "1 h", "h1"}) {
    const auto parsed = parse_sla_duration(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().fields.front().field, "duration");
  }
}

}  // namespace
}  // namespace gongdan::domain::sla
