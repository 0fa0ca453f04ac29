#include "http/context/query.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

TEST(SplitTarget, SeparatesPathAndQueryAtTheFirstQuestionMark) {
  const Target t = split_target("/api/v1/tickets?status=open&x=a?b");
  EXPECT_EQ(t.path, "/api/v1/tickets");
  EXPECT_EQ(t.query, "status=open&x=a?b");
  EXPECT_EQ(split_target("/healthz").query, "");
  EXPECT_EQ(split_target("/healthz").path, "/healthz");
}

TEST(PercentDecode, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(percent_decode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(percent_decode("%E9%97%AA%E9%80%80"), "闪退");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%2b", true), "+");
}

TEST(PercentDecode, RejectsMalformedEscapes) {
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_FALSE(percent_decode("%4"));
  EXPECT_FALSE(percent_decode("abc%"));
  EXPECT_FALSE(percent_decode("%zz"));
  EXPECT_FALSE(percent_decode("%4g"));
}

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(percent_encode("Az09-._~"), "Az09-._~");
  EXPECT_EQ(percent_encode("a b\"/"), "a%20b%22%2F");
  EXPECT_EQ(percent_encode("截图.png"), "%E6%88%AA%E5%9B%BE.png");
}

TEST(QueryParams, ParsesPairsInOrderAndFirstWins) {
  auto q = QueryParams::parse("status=open%2Cnew&subject=%E9%97%AA%E9%80%80+crash&status=closed&flag&=x&&");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->get("status"), "open,new");
  EXPECT_EQ(q->get("subject"), "闪退 crash");
  EXPECT_EQ(q->get("flag"), "");
  EXPECT_FALSE(q->get("missing").has_value());
}

TEST(QueryParams, EmptyQueryHasNoParameters) {
  auto q = QueryParams::parse("");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->size(), 0u);
}

TEST(QueryParams, MalformedEscapeNamesTheParameter) {
  auto q = QueryParams::parse("limit=%zz");
  ASSERT_FALSE(q.ok());
  ASSERT_EQ(q.error().fields.size(), 1u);
  EXPECT_EQ(q.error().fields[0].field, "limit");
  EXPECT_EQ(q.error().fields[0].code, "invalid");
}

TEST(QueryParams, IllFormedUtf8NamesTheParameter) {
  auto q = QueryParams::parse("a=1&subject=%FF%FE");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().reason, "validation_failed");
  EXPECT_EQ(q.error().fields[0].field, "subject");
  EXPECT_EQ(q.error().fields[0].code, "invalid_utf8");
}

}  // namespace
}  // namespace gongdan::http
