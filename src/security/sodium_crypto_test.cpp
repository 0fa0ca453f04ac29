#include "security/sodium_crypto.hpp"

#include <gtest/gtest.h>

namespace gongdan::security {
namespace {

TEST(SodiumCrypto, VerifiesOnlyTheRightPassword) {
  const SodiumCrypto crypto;
  const std::string hash = crypto.hash_password("correct horse 密码");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(crypto.verify_password(hash, "correct horse 密码"));
  EXPECT_FALSE(crypto.verify_password(hash, "correct horse"));
  EXPECT_FALSE(crypto.verify_password("not a hash", "x"));
}

TEST(SodiumCrypto, DigestIsSha256Hex) {
  const SodiumCrypto crypto;
  EXPECT_EQ(crypto.digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SodiumCrypto, TokensAreUrlSafeAndDistinct) {
  const SodiumCrypto crypto;
  const std::string a = crypto.random_token(32);
  const std::string b = crypto.random_token(32);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
}

}  // namespace
}  // namespace gongdan::security
