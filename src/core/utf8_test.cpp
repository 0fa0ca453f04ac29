#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace gongdan::core {
namespace {

TEST(Utf8PrefixTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_prefix("收不到验证码", 3), "收不到");
  EXPECT_EQ(utf8_prefix("ab收c", 3), "ab收");
  EXPECT_EQ(utf8_prefix("emoji 😀 ok", 7), "emoji 😀");
}

TEST(Utf8PrefixTest, NeverSplitsACharacter) {
  const std::string text = "a中😀é文b";
  for (std::size_t count = 0; count <= utf8_length(text) + 1; ++count) {
    const auto prefix = utf8_prefix(text, count);
    EXPECT_TRUE(is_valid_utf8(prefix)) << count;
    EXPECT_EQ(utf8_length(prefix), std::min(count, utf8_length(text))) << count;
  }
}

TEST(Utf8PrefixTest, ShortTextIsReturnedWhole) {
  EXPECT_EQ(utf8_prefix("", 5), "");
  EXPECT_EQ(utf8_prefix("短", 5), "短");
  EXPECT_EQ(utf8_prefix("短", 0), "");
}

}  // namespace
}  // namespace gongdan::core
