#include "storage/postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace gongdan::storage::postgres {
namespace {

std::string rewritten(std::string_view sql) { return rewrite_placeholders(sql).text; }

TEST(PlaceholdersTest, NumbersEachPlaceholderLeftToRight) {
  const auto out = rewrite_placeholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?");
  EXPECT_EQ(out.text, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4");
  EXPECT_EQ(out.parameters, 4);
  EXPECT_EQ(rewrite_placeholders("SELECT 1").parameters, 0);
  EXPECT_EQ(rewritten("?"), "$1");
  EXPECT_EQ(rewritten("(?,?)"), "($1,$2)");
}

TEST(PlaceholdersTest, LeavesQuestionMarksInStringsAlone) {
  EXPECT_EQ(rewritten("SELECT '?', ?"), "SELECT '?', $1");
  EXPECT_EQ(rewritten("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(rewritten("SELECT '', ?"), "SELECT '', $1");
  EXPECT_EQ(rewritten("SELECT '\\', ?"), "SELECT '\\', $1");  // a backslash is plain in '...'
  EXPECT_EQ(rewritten("SELECT '收不到验证码？?', ?"), "SELECT '收不到验证码？?', $1");
}

TEST(PlaceholdersTest, EscapeStringsTakeBackslashEscapes) {
  EXPECT_EQ(rewritten("SELECT E'\\'?', ?"), "SELECT E'\\'?', $1");
  EXPECT_EQ(rewritten("SELECT e'a\\\\', ?"), "SELECT e'a\\\\', $1");
  // A name ending in e before a quote is not an escape string prefix.
  EXPECT_EQ(rewritten("SELECT name'x', ?"), "SELECT name'x', $1");
}

TEST(PlaceholdersTest, LeavesQuotedIdentifiersAlone) {
  EXPECT_EQ(rewritten("SELECT \"what?\" FROM t WHERE x = ?"), "SELECT \"what?\" FROM t WHERE x = $1");
  EXPECT_EQ(rewritten("SELECT \"a\"\"?\", ?"), "SELECT \"a\"\"?\", $1");
}

TEST(PlaceholdersTest, LeavesCommentsAlone) {
  EXPECT_EQ(rewritten("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(rewritten("SELECT ? -- to the end?"), "SELECT $1 -- to the end?");
  EXPECT_EQ(rewritten("SELECT /* ? /* nested ? */ still ? */ ?"), "SELECT /* ? /* nested ? */ still ? */ $1");
  EXPECT_EQ(rewritten("SELECT 5-?"), "SELECT 5-$1");
  EXPECT_EQ(rewritten("SELECT 6/?"), "SELECT 6/$1");
}

TEST(PlaceholdersTest, LeavesDollarQuotedStringsAlone) {
  EXPECT_EQ(rewritten("SELECT $$a ? b$$, ?"), "SELECT $$a ? b$$, $1");
  EXPECT_EQ(rewritten("SELECT $fn$ ? $x$ ? $fn$, ?"), "SELECT $fn$ ? $x$ ? $fn$, $1");
  // $1 is a parameter, not a quote; a $ inside a name is part of the name.
  EXPECT_EQ(rewritten("SELECT $1, a$b, ?"), "SELECT $1, a$b, $1");
}

TEST(PlaceholdersTest, AnUnterminatedQuoteHidesTheRest) {
  // The server rejects such SQL; nothing after the quote may become a parameter meanwhile.
  EXPECT_EQ(rewrite_placeholders("SELECT 'open ?").parameters, 0);
  EXPECT_EQ(rewrite_placeholders("SELECT /* open ?").parameters, 0);
  EXPECT_EQ(rewrite_placeholders("SELECT $q$ open ?").parameters, 0);
}

}  // namespace
}  // namespace gongdan::storage::postgres
