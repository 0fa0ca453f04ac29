#include "storage/sql/page_cursor.hpp"

#include <gtest/gtest.h>

#include <array>
#include <limits>

namespace gongdan::storage::sql {
namespace {

TEST(PageCursorTest, RoundTripsItsKeys) {
  const std::array<std::int64_t, 3> keys{3, -1'764'000'000'000, std::numeric_limits<std::int64_t>::max()};
  const std::string cursor = PageCursor::encode("q", keys);
  for (const char c : cursor)
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << cursor;
  const auto decoded = PageCursor::decode(cursor, "q", 3);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, std::vector<std::int64_t>(keys.begin(), keys.end()));
}

TEST(PageCursorTest, RefusesAnotherOrdersCursorOrKeyCount) {
  const std::array<std::int64_t, 2> keys{1, 2};
  const std::string cursor = PageCursor::encode("a", keys);
  EXPECT_FALSE(PageCursor::decode(cursor, "q", 2).has_value());
  EXPECT_FALSE(PageCursor::decode(cursor, "a", 3).has_value());
  EXPECT_TRUE(PageCursor::decode(cursor, "a", 2).has_value());
}

TEST(PageCursorTest, RefusesMalformedInput) {
  for (const std::string bad : {"", "!!!!", "A", "MS5hLjEuMg==", "MS5hLjEuMg ", "MS5hLjEu", "MS5hLi4y", "MS5hLngucQ"}) {
    EXPECT_FALSE(PageCursor::decode(bad, "a", 2).has_value()) << bad;
  }
  EXPECT_FALSE(PageCursor::decode(std::string(1000, 'A'), "a", 2).has_value());
}

TEST(PageCursorTest, HasOneSpellingPerCursor) {
  const std::array<std::int64_t, 2> keys{1, 2};
  std::string cursor = PageCursor::encode("a", keys);
  ASSERT_TRUE(PageCursor::decode(cursor, "a", 2).has_value());
  // Changing only the unused low bits of the last symbol must not yield a second valid spelling.
  cursor.back() = cursor.back() == 'A' ? 'B' : static_cast<char>(cursor.back() + 1);
  const auto other = PageCursor::decode(cursor, "a", 2);
  EXPECT_TRUE(!other.has_value() || (*other != std::vector<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace gongdan::storage::sql
