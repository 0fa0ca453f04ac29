#include "http/context/csrf.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

TEST(Csrf, TokenMustMatchTheCookieExactly) {
  EXPECT_TRUE(csrf_token_matches("abc", "abc"));
  EXPECT_FALSE(csrf_token_matches("abd", "abc"));
  EXPECT_FALSE(csrf_token_matches("abc", "abcd"));
  EXPECT_FALSE(csrf_token_matches("", ""));
  EXPECT_FALSE(csrf_token_matches("abc", ""));
  EXPECT_FALSE(csrf_token_matches("", "abc"));
}

TEST(Csrf, UnsafeMethodsAreTheOnesThatChangeState) {
  for (const char* m : {"POST", "PUT", "PATCH", "DELETE"}) EXPECT_TRUE(is_unsafe_method(m)) << m;
  for (const char* m : {"GET", "HEAD", "OPTIONS"}) EXPECT_FALSE(is_unsafe_method(m)) << m;
}

TEST(Csrf, RandomTokensAreLongHexAndDiffer) {
  const std::string a = random_csrf_token();
  const std::string b = random_csrf_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(Csrf, ConstantTimeEqualsIsEquality) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("secret", "secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secreT"));
  EXPECT_FALSE(constant_time_equals("secret", "secrets"));
}

}  // namespace
}  // namespace gongdan::http
