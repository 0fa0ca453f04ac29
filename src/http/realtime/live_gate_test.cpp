#include "http/realtime/live_gate.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

TEST(SameOrigin, ThePageMustComeFromTheHostItTalksTo) {
  EXPECT_TRUE(same_origin("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(same_origin("https://Help.Example.com", "help.example.com"));
  EXPECT_FALSE(same_origin("https://evil.example", "help.example.com"));
  EXPECT_FALSE(same_origin("https://help.example.com.evil.example", "help.example.com"));
  EXPECT_FALSE(same_origin("http://127.0.0.1:8081", "127.0.0.1:8080"));
  EXPECT_FALSE(same_origin("null", "127.0.0.1:8080"));
  EXPECT_FALSE(same_origin("http://", ""));
  EXPECT_FALSE(same_origin("http://a", ""));
  EXPECT_FALSE(same_origin("ftp://127.0.0.1:8080", "127.0.0.1:8080"));
}

}  // namespace
}  // namespace gongdan::http
