#include "storage/sqlite/sqlite_user_repository.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

TEST(SqliteUserRepositoryTest, CreatesAndFindsAUser) {
  TestDatabase t;
  const auto created = t.db->users().create(
      {"Han.Meimei@Example.com", "韩梅梅", domain::Role::kAgent, domain::Locale::kEn, "$argon2id$...", t.clock.now()});
  ASSERT_TRUE(created.ok());
  EXPECT_GT(created->id.value, 0);
  EXPECT_EQ(created->email, "han.meimei@example.com");

  const auto by_email = t.db->users().find_by_email("han.meimei@example.com");
  ASSERT_TRUE(by_email.has_value());
  EXPECT_EQ(by_email->id, created->id);
  EXPECT_EQ(by_email->name, "韩梅梅");
  EXPECT_EQ(by_email->role, domain::Role::kAgent);
  EXPECT_EQ(by_email->locale, domain::Locale::kEn);
  EXPECT_EQ(by_email->password_hash, "$argon2id$...");
  EXPECT_EQ(by_email->created_at, t.clock.now());

  const auto by_id = t.db->users().find_by_id(created->id);
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->email, "han.meimei@example.com");
  EXPECT_FALSE(t.db->users().find_by_id(core::UserId{12345}).has_value());
  EXPECT_FALSE(t.db->users().find_by_email("nobody@example.com").has_value());
}

TEST(SqliteUserRepositoryTest, MarkingTheEmailVerifiedKeepsTheFirstTime) {
  TestDatabase t;
  const auto user = t.add_user("wang@example.com");
  EXPECT_FALSE(t.db->users().find_by_id(user.id)->email_verified_at.has_value());
  ASSERT_TRUE(t.db->users().mark_email_verified(user.id, t.clock.now()).ok());
  ASSERT_TRUE(t.db->users().mark_email_verified(user.id, t.clock.now() + 1h).ok());
  EXPECT_EQ(t.db->users().find_by_email("wang@example.com")->email_verified_at, t.clock.now());

  const auto missing = t.db->users().mark_email_verified(core::UserId{user.id.value + 100}, t.clock.now());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

TEST(SqliteUserRepositoryTest, ADuplicateEmailIsAConflictWhateverItsCase) {
  TestDatabase t;
  t.add_user("li@example.com");
  const auto again = t.db->users().create(
      {"LI@example.com", "Other", domain::Role::kCustomer, domain::Locale::kZhCn, "h", t.clock.now()});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(again.error().reason, "email_taken");
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM users"), 1);
}

TEST(SqliteUserRepositoryTest, SessionsLiveUntilTheyExpireOrAreRevoked) {
  TestDatabase t;
  const auto user = t.add_user("li@example.com");
  const auto now = t.clock.now();
  ASSERT_TRUE(t.db->users().create_session({"digest-1", user.id, now, now + 1h}).ok());

  const auto live = t.db->users().find_session("digest-1", now + 59min);
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->user_id, user.id);
  EXPECT_EQ(live->created_at, now);
  EXPECT_EQ(live->expires_at, now + 1h);

  EXPECT_FALSE(t.db->users().find_session("digest-1", now + 1h).has_value());  // expired at that moment
  EXPECT_FALSE(t.db->users().find_session("digest-2", now).has_value());

  ASSERT_TRUE(t.db->users().revoke_session("digest-1").ok());
  EXPECT_FALSE(t.db->users().find_session("digest-1", now).has_value());
  EXPECT_TRUE(t.db->users().revoke_session("digest-1").ok());  // revoking twice is harmless
}

TEST(SqliteUserRepositoryTest, ASessionForAnUnknownUserIsRefused) {
  TestDatabase t;
  const auto now = t.clock.now();
  const auto refused = t.db->users().create_session({"digest", core::UserId{77}, now, now + 1h});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sessions"), 0);
}

}  // namespace
}  // namespace gongdan::storage
