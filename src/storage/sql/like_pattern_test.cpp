#include "storage/sql/like_pattern.hpp"

#include <gtest/gtest.h>

namespace gongdan::storage::sql {
namespace {

TEST(LikePatternTest, WrapsTextInWildcards) { EXPECT_EQ(like_contains("闪退"), "%闪退%"); }

TEST(LikePatternTest, EscapesWildcardsAndTheEscapeCharacter) {
  EXPECT_EQ(like_contains("100%"), "%100\\%%");
  EXPECT_EQ(like_contains("a_b"), "%a\\_b%");
  EXPECT_EQ(like_contains("C:\\temp"), "%C:\\\\temp%");
  EXPECT_EQ(like_contains(""), "%%");
}

}  // namespace
}  // namespace gongdan::storage::sql
