#include "http/limits/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/fake_clock.hpp"

namespace gongdan::http {
namespace {

using namespace std::chrono_literals;

RateLimitSettings settings() {
  RateLimitSettings s;
  s.login = {10, 1min, 5};
  s.lookup = {30, 1min, 10};
  return s;
}

class RateLimiterTest : public ::testing::Test {
 protected:
  core::FakeClock clock_{core::from_epoch_ms(1'790'000'000'000)};
};

TEST_F(RateLimiterTest, AllowsTheBurstThenRefusesWithRetryAfter) {
  RateLimiter limiter(settings(), clock_);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed) << i;
  const RateDecision refused = limiter.take(RateAction::kLogin, "10.0.0.1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 6s);  // 10 per minute: one token every 6 s
}

TEST_F(RateLimiterTest, AnIpv6HostCannotRotateAddressesWithinItsSlash64) {
  RateLimiter limiter(settings(), clock_);
  for (int i = 0; i < 5; ++i) {
    const std::string address = "2001:db8:1:2::" + std::to_string(i + 1);
    EXPECT_TRUE(limiter.take(RateAction::kLogin, address).allowed) << address;
  }
  EXPECT_FALSE(limiter.take(RateAction::kLogin, "2001:db8:1:2:ffff:ffff:ffff:ffff").allowed);
  // The neighbouring /64 is someone else.
  EXPECT_TRUE(limiter.take(RateAction::kLogin, "2001:db8:1:3::1").allowed);
}

TEST(RateLimitSubject, KeepsIpv4AndGroupsIpv6ByPrefix) {
  EXPECT_EQ(rate_limit_subject("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(rate_limit_subject("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(rate_limit_subject("2001:DB8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(rate_limit_subject("::1"), "::/64");
  EXPECT_EQ(rate_limit_subject("unknown"), "unknown");
  EXPECT_EQ(rate_limit_subject("not:an:address"), "not:an:address");
}

TEST_F(RateLimiterTest, RefillsWithTime) {
  RateLimiter limiter(settings(), clock_);
  for (int i = 0; i < 5; ++i) (void)limiter.take(RateAction::kLogin, "10.0.0.1");
  clock_.advance(5s);
  const RateDecision early = limiter.take(RateAction::kLogin, "10.0.0.1");
  EXPECT_FALSE(early.allowed);
  EXPECT_EQ(early.retry_after, 1s);
  clock_.advance(1s);
  EXPECT_TRUE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed);
  EXPECT_FALSE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed);
  clock_.advance(10min);  // never more than the burst
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed) << i;
  EXPECT_FALSE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed);
}

TEST_F(RateLimiterTest, BucketsAreSeparatePerIpAndPerAction) {
  RateLimiter limiter(settings(), clock_);
  for (int i = 0; i < 5; ++i) (void)limiter.take(RateAction::kLogin, "10.0.0.1");
  EXPECT_FALSE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed);
  EXPECT_TRUE(limiter.take(RateAction::kLogin, "10.0.0.2").allowed);
  EXPECT_TRUE(limiter.take(RateAction::kLookup, "10.0.0.1").allowed);
}

TEST_F(RateLimiterTest, DisabledAllowsEverything) {
  RateLimitSettings off = settings();
  off.enabled = false;
  RateLimiter limiter(off, clock_);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.take(RateAction::kLogin, "10.0.0.1").allowed);
  EXPECT_EQ(limiter.bucket_count(), 0u);
}

TEST_F(RateLimiterTest, MemoryIsBoundedByEvictingRefilledThenOldBuckets) {
  RateLimiter limiter(settings(), clock_, 100);
  for (int i = 0; i < 1000; ++i) {
    (void)limiter.take(RateAction::kLogin, "10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256));
    clock_.advance(1ms);
  }
  EXPECT_LE(limiter.bucket_count(), 100u);
  // A busy address that was just refused stays refused: eviction prefers the old ones.
  for (int i = 0; i < 5; ++i) (void)limiter.take(RateAction::kLogin, "192.0.2.1");
  for (int i = 0; i < 60; ++i) (void)limiter.take(RateAction::kLogin, "198.51.100." + std::to_string(i));
  EXPECT_FALSE(limiter.take(RateAction::kLogin, "192.0.2.1").allowed);
}

TEST_F(RateLimiterTest, IsThreadSafe) {
  RateLimitSettings many = settings();
  many.lookup = {1, 1h, 1000};
  RateLimiter limiter(many, clock_);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.take(RateAction::kLookup, "10.0.0.9").allowed) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 1000);
}

}  // namespace
}  // namespace gongdan::http
