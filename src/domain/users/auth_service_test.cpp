#include "domain/users/auth_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using namespace std::chrono_literals;

/// FakeCrypto that counts password checks: each stands for one Argon2id hash of real time.
class CountingCrypto final : public core::Crypto {
 public:
  std::string hash_password(std::string_view password) const override { return inner_.hash_password(password); }
  bool verify_password(std::string_view hash, std::string_view password) const override {
    ++verifications;
    return inner_.verify_password(hash, password);
  }
  std::string digest(std::string_view secret) const override { return inner_.digest(secret); }
  void random_bytes(std::span<std::byte> out) const override { inner_.random_bytes(out); }
  std::string random_token(std::size_t bytes) const override { return inner_.random_token(bytes); }

  mutable int verifications = 0;

 private:
  testing::FakeCrypto inner_;
};

class AuthServiceTest : public ::testing::Test {
 protected:
  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  CountingCrypto crypto_;
  testing::InMemoryUsers users_;
  AuthService auth_{users_, crypto_, clock_, 24h};
};

TEST_F(AuthServiceTest, EveryFailedLoginCostsOnePasswordHash) {
  ASSERT_TRUE(auth_.add_user({"known@example.com", "correct horse", "Known", "customer", std::nullopt}));
  // An account that has no password (never set) must not answer faster than the others.
  ASSERT_TRUE(users_.create({"nopassword@example.com", "No Password", Role::kAgent, Locale::kEn, "", clock_.now()}));
  for (const char* email : {"known@example.com", "unknown@example.com", "nopassword@example.com"}) {
    crypto_.verifications = 0;
    const auto result = auth_.login(email, "wrong password");
    ASSERT_FALSE(result) << email;
    EXPECT_EQ(result.error().reason, "invalid_credentials") << email;
    EXPECT_EQ(crypto_.verifications, 1) << email;
  }
  // Not even the dummy hash's own password signs in to a password-less account.
  EXPECT_FALSE(auth_.login("nopassword@example.com", ""));
}

TEST_F(AuthServiceTest, EmailIsNormalisedAndSessionsExpireAndRevoke) {
  ASSERT_TRUE(auth_.add_user({" Mixed@Example.COM ", "correct horse", "Mixed", "customer", std::nullopt}));
  const auto signed_in = auth_.login("mixed@example.com ", "correct horse");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->user.email, "mixed@example.com");
  EXPECT_TRUE(auth_.authenticate(signed_in->token));
  ASSERT_TRUE(auth_.logout(signed_in->token));
  EXPECT_FALSE(auth_.authenticate(signed_in->token));

  const auto second = auth_.login("MIXED@example.com", "correct horse");
  ASSERT_TRUE(second);
  clock_.advance(24h + 1ms);
  EXPECT_FALSE(auth_.authenticate(second->token));
}

}  // namespace
}  // namespace gongdan::domain
