#include "core/time.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace gongdan::core {
namespace {

TEST(Rfc3339, FormatsMillisecondsInUtcWithFixedWidthFields) {
  EXPECT_EQ(format_rfc3339(from_epoch_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(from_epoch_ms(1'764'061'502'007)), "2025-11-25T09:05:02.007Z");
  EXPECT_EQ(format_rfc3339(from_epoch_ms(253'402'300'799'999)), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(from_epoch_ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(from_epoch_ms(-62'167'219'200'000)), "0000-01-01T00:00:00.000Z");
}

TEST(Rfc3339, WhatItFormatsParsesBackToTheSameInstant) {
  for (const std::int64_t ms : {0LL, 1LL, 999LL, 1'764'061'502'007LL, 1'798'761'599'999LL, 4'102'444'800'000LL}) {
    const auto text = format_rfc3339(from_epoch_ms(ms));
    const auto back = parse_rfc3339(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(to_epoch_ms(*back), ms) << text;
  }
}

TEST(Rfc3339, YearsPastFourDigitsAreStillWrittenInFull) {
  EXPECT_EQ(format_rfc3339(from_epoch_ms(253'402'300'800'000)), "10000-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace gongdan::core
