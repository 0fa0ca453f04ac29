#include "http/context/cookies.hpp"

#include <gtest/gtest.h>

#include "http/context/request_context.hpp"

namespace gongdan::http {
namespace {

TEST(Cookies, ParsesPairsTrimsAndUnquotes) {
  Cookies c;
  c.parse("gd_session=abc123;  gd_csrf=\"x y\" ; theme=dark");
  EXPECT_EQ(c.get("gd_session"), "abc123");
  EXPECT_EQ(c.get("gd_csrf"), "x y");
  EXPECT_EQ(c.get("theme"), "dark");
  EXPECT_FALSE(c.get("missing"));
}

TEST(Cookies, FirstOfARepeatedNameWinsAcrossHeaders) {
  Cookies c;
  c.parse("gd_session=first");
  c.parse("gd_session=second; other=1");
  EXPECT_EQ(c.get("gd_session"), "first");
  EXPECT_EQ(c.get("other"), "1");
}

TEST(Cookies, SkipsPiecesWithoutNameOrValueSign) {
  Cookies c;
  c.parse("=orphan; novalue; ; a=; b=2=3");
  EXPECT_FALSE(c.get(""));
  EXPECT_FALSE(c.get("novalue"));
  EXPECT_EQ(c.get("a"), "");
  EXPECT_EQ(c.get("b"), "2=3");
}

TEST(SetCookie, SessionCookieIsHttpOnlyLaxAndOptionallySecure) {
  EXPECT_EQ(set_cookie_header("gd_session", "tok", {true, false, std::chrono::seconds{60}}),
            "gd_session=tok; Path=/; Max-Age=60; SameSite=Lax; HttpOnly");
  EXPECT_EQ(set_cookie_header("gd_csrf", "c", {false, true, std::chrono::seconds{0}}),
            "gd_csrf=c; Path=/; Max-Age=0; SameSite=Lax; Secure");
}

TEST(Credential, BearerWinsOverTheCookie) {
  Cookies c;
  c.parse("gd_session=cookie-token");
  const Credential bearer = find_credential("Bearer  abc ", c);
  EXPECT_EQ(bearer.method, AuthMethod::kBearer);
  EXPECT_EQ(bearer.token, "abc");
  EXPECT_EQ(find_credential("bearer xyz", c).method, AuthMethod::kBearer);
  const Credential cookie = find_credential("", c);
  EXPECT_EQ(cookie.method, AuthMethod::kCookie);
  EXPECT_EQ(cookie.token, "cookie-token");
  EXPECT_EQ(find_credential("Basic dXNlcjpwYXNz", c).method, AuthMethod::kCookie);
  EXPECT_EQ(find_credential("Bearer ", Cookies{}).method, AuthMethod::kNone);
}

}  // namespace
}  // namespace gongdan::http
