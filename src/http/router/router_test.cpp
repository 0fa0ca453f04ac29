#include "http/router/router.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    list_ = router_.add("GET", "/api/v1/tickets");
    submit_ = router_.add("POST", "/api/v1/tickets");
    view_ = router_.add("GET", "/api/v1/tickets/{number}");
    lookup_ = router_.add("POST", "/api/v1/tickets/lookup");
    similar_ = router_.add("GET", "/api/v1/tickets/similar");
    close_ = router_.add("POST", "/api/v1/tickets/{number}/close");
    patch_ = router_.add("PATCH", "/api/v1/agent/tickets/{number}");
    agent_view_ = router_.add("GET", "/api/v1/agent/tickets/{number}");
  }

  Router router_;
  std::size_t list_, submit_, view_, lookup_, similar_, close_, patch_, agent_view_;
};

TEST_F(RouterTest, IndicesFollowRegistrationOrder) {
  EXPECT_EQ(list_, 0u);
  EXPECT_EQ(agent_view_, 7u);
}

TEST_F(RouterTest, MatchesLiteralPathsByMethod) {
  EXPECT_EQ(router_.match("GET", "/api/v1/tickets").route, list_);
  const RouteMatch post = router_.match("POST", "/api/v1/tickets");
  EXPECT_EQ(post.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(post.route, submit_);
}

TEST_F(RouterTest, ExtractsAndDecodesPathParameters) {
  const RouteMatch m = router_.match("GET", "/api/v1/tickets/261125-7K3QZ8");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route, view_);
  EXPECT_EQ(m.params.get("number"), "261125-7K3QZ8");
  EXPECT_EQ(m.params.get("other"), "");
  EXPECT_EQ(router_.match("GET", "/api/v1/tickets/261125%207k3qz8").params.get("number"), "261125 7k3qz8");
  EXPECT_EQ(router_.match("POST", "/api/v1/tickets/261125-7K3QZ8/close").route, close_);
}

TEST_F(RouterTest, LiteralSegmentsWinOverParameters) {
  const RouteMatch lookup = router_.match("POST", "/api/v1/tickets/lookup");
  ASSERT_EQ(lookup.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(lookup.route, lookup_);
  EXPECT_EQ(router_.match("GET", "/api/v1/tickets/similar").route, similar_);
  // The literal path exists with POST only: GET is "method not allowed", not a ticket named lookup.
  const RouteMatch get_lookup = router_.match("GET", "/api/v1/tickets/lookup");
  EXPECT_EQ(get_lookup.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(get_lookup.allowed, std::vector<std::string>{"POST"});
}

TEST_F(RouterTest, KnownPathWithAnotherMethodIsMethodNotAllowed) {
  const RouteMatch put = router_.match("PUT", "/api/v1/tickets/261125-7K3QZ8");
  EXPECT_EQ(put.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(put.allowed, std::vector<std::string>{"GET"});
  EXPECT_EQ(router_.match("PATCH", "/api/v1/tickets/261125-7K3QZ8").kind, RouteMatch::Kind::kMethodNotAllowed);
  const RouteMatch del = router_.match("DELETE", "/api/v1/tickets");
  EXPECT_EQ(del.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(Router::allow_header(del.allowed), "GET, POST");
  const RouteMatch agent = router_.match("DELETE", "/api/v1/agent/tickets/x");
  EXPECT_EQ(Router::allow_header(agent.allowed), "PATCH, GET");
}

TEST_F(RouterTest, UnknownPathsAreNotFound) {
  for (const char* path :
       {"/api/v1/nope", "/api/v1/tickets/123456-ABCDEF/nope", "/api/v1/tickets/", "/api/v1", "/api/v1/tickets//close",
        "", "api/v1/tickets", "/api/v1/tickets/%zz", "/api/v1/tickets/x/close/extra"}) {
    EXPECT_EQ(router_.match("GET", path).kind, RouteMatch::Kind::kNotFound) << path;
  }
}

TEST_F(RouterTest, EncodedLiteralsStillMatchAndEncodedSlashesStayInTheSegment) {
  EXPECT_EQ(router_.match("GET", "/api/v1/ticket%73").route, list_);
  const RouteMatch m = router_.match("GET", "/api/v1/tickets/a%2Fb");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params.get("number"), "a/b");
}

TEST(RouterRoot, RootAndHealthz) {
  Router router;
  const auto health = router.add("GET", "/healthz");
  EXPECT_EQ(router.match("GET", "/healthz").route, health);
  EXPECT_EQ(router.match("GET", "/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_THROW(router.add("GET", "relative"), std::invalid_argument);
}

// Where a literal branch fits only part of the path, the parameter branch beside it is still
// tried; where both fit, the pattern whose first differing segment is literal wins.
TEST(RouterPrecedence, BacksOutOfALiteralBranchThatFitsOnlyPartOfThePath) {
  Router router;
  const auto literal_prefix = router.add("GET", "/a/b/c");
  const auto parameter_first = router.add("GET", "/{p}/b/x");
  const auto literal_first = router.add("GET", "/a/{q}/x");
  EXPECT_EQ(router.match("GET", "/a/b/c").route, literal_prefix);
  EXPECT_EQ(router.match("GET", "/a/b/x").route, literal_first) << "literal at the first segment that differs";
  const RouteMatch other = router.match("GET", "/z/b/x");
  ASSERT_EQ(other.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(other.route, parameter_first);
  EXPECT_EQ(other.params.get("p"), "z");
  EXPECT_EQ(router.match("GET", "/a/b/y").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.match("GET", "//b/x").kind, RouteMatch::Kind::kNotFound) << "a parameter is never empty";
}

}  // namespace
}  // namespace gongdan::http
