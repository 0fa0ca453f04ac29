#include "domain/mail/local_time_text.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

using namespace std::chrono_literals;

core::Timestamp at(const char* rfc3339) { return core::parse_rfc3339(rfc3339).value(); }

TEST(LocalTimeTextTest, ChineseReadersGetYearMonthDayAndTheOffset) {
  EXPECT_EQ(local_time_text(at("2026-11-26T02:00:00Z"), 8h, Locale::kZhCn), "2026年11月26日 10:00（UTC+08:00）");
}

TEST(LocalTimeTextTest, EnglishReadersGetDayMonthNameYear) {
  EXPECT_EQ(local_time_text(at("2026-11-26T02:00:00Z"), 8h, Locale::kEn), "26 Nov 2026, 10:00 (UTC+08:00)");
}

TEST(LocalTimeTextTest, TheOffsetMovesTheDate) {
  EXPECT_EQ(local_time_text(at("2026-11-25T18:30:00Z"), 8h, Locale::kEn), "26 Nov 2026, 02:30 (UTC+08:00)");
  EXPECT_EQ(local_time_text(at("2026-01-01T01:00:00Z"), -5h, Locale::kEn), "31 Dec 2025, 20:00 (UTC-05:00)");
  EXPECT_EQ(local_time_text(at("2026-01-01T01:00:00Z"), -5h, Locale::kZhCn), "2025年12月31日 20:00（UTC-05:00）");
}

TEST(LocalTimeTextTest, NegativeOffsetsWithMinutes) {
  // Newfoundland standard time, UTC-03:30.
  EXPECT_EQ(local_time_text(at("2026-11-26T02:00:00Z"), -(3h + 30min), Locale::kEn), "25 Nov 2026, 22:30 (UTC-03:30)");
  EXPECT_EQ(local_time_text(at("2026-11-26T02:00:00Z"), 5h + 45min, Locale::kEn), "26 Nov 2026, 07:45 (UTC+05:45)");
}

TEST(LocalTimeTextTest, UtcIsWrittenWithAPlusSign) {
  EXPECT_EQ(local_time_text(at("2026-03-01T00:05:59Z"), 0s, Locale::kEn), "1 Mar 2026, 00:05 (UTC+00:00)");
}

}  // namespace
}  // namespace gongdan::domain
