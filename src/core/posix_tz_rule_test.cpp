#include "core/posix_tz_rule.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/time.hpp"

namespace gongdan::core {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::sys_seconds;

sys_seconds at(const char* rfc3339) { return std::chrono::floor<seconds>(*parse_rfc3339(rfc3339)); }

TEST(PosixTzRule, FixedOffsetHasNoTransitions) {
  const auto rule = PosixTzRule::parse("CST-8");
  ASSERT_TRUE(rule);
  EXPECT_FALSE(rule->has_dst());
  EXPECT_EQ(rule->offset_at(at("2026-06-01T00:00:00Z")), hours{8});
  EXPECT_FALSE(rule->next_transition_after(at("2026-06-01T00:00:00Z")));
  EXPECT_EQ(PosixTzRule::parse("<+0330>-3:30")->standard_offset(), seconds{3 * 3600 + 1800});
  EXPECT_EQ(PosixTzRule::parse("<-03>3")->standard_offset(), hours{-3});
}

TEST(PosixTzRule, UnitedStatesRule) {
  const auto rule = PosixTzRule::parse("EST5EDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->standard_offset(), hours{-5});
  EXPECT_EQ(rule->daylight_offset(), hours{-4});
  // 2026: second Sunday of March is the 8th, first Sunday of November the 1st.
  EXPECT_EQ(rule->next_transition_after(at("2026-01-01T00:00:00Z")),
            (ZoneTransition{at("2026-03-08T07:00:00Z"), hours{-4}}));
  EXPECT_EQ(rule->next_transition_after(at("2026-03-08T07:00:00Z")),
            (ZoneTransition{at("2026-11-01T06:00:00Z"), hours{-5}}));
  EXPECT_EQ(rule->offset_at(at("2026-03-08T06:59:59Z")), hours{-5});
  EXPECT_EQ(rule->offset_at(at("2026-03-08T07:00:00Z")), hours{-4});
  EXPECT_EQ(rule->offset_at(at("2026-11-01T05:59:59Z")), hours{-4});
  EXPECT_EQ(rule->offset_at(at("2026-11-01T06:00:00Z")), hours{-5});
  // Without dates the US rule applies, as in glibc.
  EXPECT_EQ(PosixTzRule::parse("EST5EDT")->offset_at(at("2026-07-01T00:00:00Z")), hours{-4});
}

TEST(PosixTzRule, SouthernHemisphereAndNegativeDaylightTime) {
  const auto sydney = PosixTzRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(sydney);
  EXPECT_EQ(sydney->offset_at(at("2026-01-15T00:00:00Z")), hours{11});
  EXPECT_EQ(sydney->offset_at(at("2026-07-15T00:00:00Z")), hours{10});
  EXPECT_EQ(sydney->next_transition_after(at("2026-01-01T00:00:00Z")),
            (ZoneTransition{at("2026-04-04T16:00:00Z"), hours{10}}));
  EXPECT_EQ(sydney->next_transition_after(at("2026-04-04T16:00:00Z")),
            (ZoneTransition{at("2026-10-03T16:00:00Z"), hours{11}}));
  // Dublin: standard time is summer (IST +1); winter is the "daylight" GMT +0.
  const auto dublin = PosixTzRule::parse("IST-1GMT0,M10.5.0,M3.5.0/1");
  ASSERT_TRUE(dublin);
  EXPECT_EQ(dublin->offset_at(at("2026-07-01T00:00:00Z")), hours{1});
  EXPECT_EQ(dublin->offset_at(at("2026-12-01T00:00:00Z")), hours{0});
  EXPECT_EQ(dublin->next_transition_after(at("2026-01-01T00:00:00Z")),
            (ZoneTransition{at("2026-03-29T01:00:00Z"), hours{1}}));
  EXPECT_EQ(dublin->next_transition_after(at("2026-03-29T01:00:00Z")),
            (ZoneTransition{at("2026-10-25T01:00:00Z"), hours{0}}));
}

TEST(PosixTzRule, JulianDatesAndExtendedTimes) {
  // J60 is March 1 in every year; 59 (zero-based) is March 1 only in leap years.
  const auto julian = PosixTzRule::parse("XST0XDT,J60/0,J300/0");
  ASSERT_TRUE(julian);
  EXPECT_EQ(julian->next_transition_after(at("2028-01-01T00:00:00Z"))->at, at("2028-03-01T00:00:00Z"));
  const auto zero_based = PosixTzRule::parse("XST0XDT,59/0,300/0");
  EXPECT_EQ(zero_based->next_transition_after(at("2028-01-01T00:00:00Z"))->at, at("2028-02-29T00:00:00Z"));
  // RFC 8536 §3.3.1: all-year daylight time never changes offset.
  const auto always = PosixTzRule::parse("EST5EDT4,0/0,J365/25");
  ASSERT_TRUE(always);
  EXPECT_EQ(always->offset_at(at("2026-01-01T05:00:00Z")), hours{-4});
  EXPECT_EQ(always->offset_at(at("2026-12-31T23:00:00Z")), hours{-4});
  EXPECT_FALSE(always->next_transition_after(at("2026-06-01T00:00:00Z")));
  // Hours past 24 in rule times (e.g. America/Godthab's -1:00 as `/-1`, Jerusalem's `/26`).
  EXPECT_TRUE(PosixTzRule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"));
  EXPECT_TRUE(PosixTzRule::parse("IST-2IDT,M3.4.4/26,M10.5.0"));
}

TEST(PosixTzRule, RejectsMalformedRules) {
  for (const char* bad : {"", "C-8", "CST", "CST-8X", "EST5EDT,M3.2.0", "EST5EDT,M13.1.0,M11.1.0",
                          "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J365", "EST5EDT,366,0",
                          "EST25", "EST5EDT,M3.2.0/168,M11.1.0", "<+08-8", "EST5:60", "EST00005"}) {
    EXPECT_FALSE(PosixTzRule::parse(bad)) << bad;
  }
}

TEST(PosixTzRule, RandomRulesNeverCrash) {
  // Rules that parse must answer consistently: next_transition_after agrees with offset_at.
  std::mt19937_64 rng(8536);
  const std::string alphabet = "ESTDJM0123456789,./:+-<>";
  for (int i = 0; i < 3000; ++i) {
    std::string text = i % 2 == 0 ? "EST5EDT,M3.2.0,M11.1.0" : "AEST-10AEDT,M10.1.0,M4.1.0/3";
    for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k)
      text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    const auto rule = PosixTzRule::parse(text);
    if (!rule) continue;
    const auto t = at("2026-01-01T00:00:00Z");
    if (const auto next = rule->next_transition_after(t)) {
      EXPECT_GT(next->at, t) << text;
      EXPECT_EQ(rule->offset_at(next->at), next->offset_after) << text;
      EXPECT_NE(rule->offset_at(next->at - seconds{1}), next->offset_after) << text;
    }
  }
}

}  // namespace
}  // namespace gongdan::core
