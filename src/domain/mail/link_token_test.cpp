#include "domain/mail/link_token.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using namespace std::chrono_literals;

TEST(LinkTokenTest, DigestsOfLinksMadeLaterSortLater) {
  // The property that keeps the unique index on digests appending instead of scattering.
  testing::FakeCrypto crypto;
  core::FakeClock clock{core::from_epoch_ms(1'795'000'000'000)};
  std::vector<std::string> digests;
  for (int i = 0; i < 50; ++i) {
    digests.push_back(link_digest(crypto, make_link_token(crypto, clock.now())));
    clock.advance(1ms);
  }
  EXPECT_TRUE(std::is_sorted(digests.begin(), digests.end()));
}

TEST(LinkTokenTest, TheTokenIsASelectorAndRandomBytesAndItsDigestKeepsTheSelectorInFront) {
  testing::FakeCrypto crypto;
  const auto token = make_link_token(crypto, core::from_epoch_ms(1'795'000'000'000));
  // A hex selector, then the 32 random bytes as the crypto spells them (the fake: "tokenN").
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), 16U);
  EXPECT_EQ(token.substr(16, 5), "token");
  const auto digest = link_digest(crypto, token);
  EXPECT_EQ(digest.substr(0, 17), token.substr(0, 16) + ".");
  EXPECT_EQ(digest.substr(17), crypto.digest(token));
}

}  // namespace
}  // namespace gongdan::domain
