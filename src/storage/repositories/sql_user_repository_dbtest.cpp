#include "storage/repositories/sql_user_repository.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

TEST(SqlUserRepositoryTest, CreatesAndFindsAUser) {
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

TEST(SqlUserRepositoryTest, MarkingTheEmailVerifiedKeepsTheFirstTime) {
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

TEST(SqlUserRepositoryTest, ADuplicateEmailIsAConflictWhateverItsCase) {
  TestDatabase t;
  t.add_user("li@example.com");
  const auto again = t.db->users().create(
      {"LI@example.com", "Other", domain::Role::kCustomer, domain::Locale::kZhCn, "h", t.clock.now()});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(again.error().reason, "email_taken");
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM users"), 1);
}

std::vector<std::string> emails(const std::vector<domain::User>& users) {
  std::vector<std::string> out;
  for (const auto& user : users) out.push_back(user.email);
  return out;
}

std::vector<std::string> found_by(TestDatabase& t, std::string text) {
  domain::UserFilter filter;
  filter.text = std::move(text);
  return emails(t.db->users().list_users(filter));
}

TEST(SqlUserRepositoryTest, SearchFindsTextInTheNameOrEmailLiterally) {
  TestDatabase t;
  t.add_user("li_lei@example.com", domain::Role::kCustomer, "Li Lei");
  t.add_user("lixlei@example.com", domain::Role::kCustomer, "Lix Lei");
  t.add_user("han@example.com", domain::Role::kCustomer, "韩梅梅 Han Meimei");
  t.add_user("pct@example.com", domain::Role::kCustomer, "100% 满意");
  t.add_user("slash@example.com", domain::Role::kCustomer, R"(a\b 王)");
  // Chinese text anywhere in the name.
  EXPECT_EQ(found_by(t, "梅梅"), std::vector<std::string>{"han@example.com"});
  EXPECT_EQ(found_by(t, "满意"), std::vector<std::string>{"pct@example.com"});
  // `%`, `_` and the escape character match themselves, not as wildcards.
  EXPECT_EQ(found_by(t, "%"), std::vector<std::string>{"pct@example.com"});
  EXPECT_EQ(found_by(t, "li_"), std::vector<std::string>{"li_lei@example.com"});
  EXPECT_EQ(found_by(t, "0% "), std::vector<std::string>{"pct@example.com"});
  EXPECT_EQ(found_by(t, R"(a\b)"), std::vector<std::string>{"slash@example.com"});
  EXPECT_TRUE(found_by(t, "%%").empty());
  EXPECT_TRUE(found_by(t, "l_x").empty());
  // ASCII case is ignored on both engines: names are compared lower-cased, emails are stored so.
  EXPECT_EQ(found_by(t, "han meimei"), std::vector<std::string>{"han@example.com"});
  EXPECT_EQ(found_by(t, "HAN"), std::vector<std::string>{"han@example.com"});
  EXPECT_EQ(found_by(t, "LIX"), std::vector<std::string>{"lixlei@example.com"});
  // In the email only, and in both (once each).
  EXPECT_EQ(found_by(t, "pct@"), std::vector<std::string>{"pct@example.com"});
  EXPECT_EQ(found_by(t, "lei"), (std::vector<std::string>{"li_lei@example.com", "lixlei@example.com"}));
  EXPECT_EQ(found_by(t, "example").size(), 5U);
}

TEST(SqlUserRepositoryTest, ListsStaffFirstByNameWithinRoleAndLimit) {
  TestDatabase t;
  t.add_user("c1@example.com", domain::Role::kCustomer, "Aaron");
  t.add_user("agent@example.com", domain::Role::kAgent, "Zhou");
  t.add_user("admin@example.com", domain::Role::kAdmin, "Bai");
  t.add_user("c2@example.com", domain::Role::kCustomer, "Chen");
  domain::UserFilter all;
  EXPECT_EQ(emails(t.db->users().list_users(all)),
            (std::vector<std::string>{"admin@example.com", "agent@example.com", "c1@example.com", "c2@example.com"}));
  domain::UserFilter staff;
  staff.staff_only = true;
  EXPECT_EQ(emails(t.db->users().list_users(staff)),
            (std::vector<std::string>{"admin@example.com", "agent@example.com"}));
  domain::UserFilter customers;
  customers.role = domain::Role::kCustomer;
  customers.limit = 1;
  EXPECT_EQ(emails(t.db->users().list_users(customers)), std::vector<std::string>{"c1@example.com"});
}

TEST(SqlUserRepositoryTest, UpdatesTheProfileAndTheAccess) {
  TestDatabase t;
  const auto user = t.add_user("wang@example.com", domain::Role::kCustomer, "Wang");
  const auto renamed = t.db->users().update_profile(user.id, "王小波", domain::Locale::kEn);
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->name, "王小波");
  EXPECT_EQ(renamed->locale, domain::Locale::kEn);
  EXPECT_EQ(t.db->users().update_profile(core::UserId{999}, "x", domain::Locale::kEn).error().code,
            core::ErrorCode::kNotFound);

  const auto promoted = t.db->users().update_access(user.id, domain::Role::kAgent, true);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->role, domain::Role::kAgent);
  EXPECT_TRUE(promoted->away);
  const auto back = t.db->users().update_access(user.id, std::nullopt, false);
  EXPECT_EQ(back->role, domain::Role::kAgent);
  EXPECT_FALSE(back->away);
  EXPECT_TRUE(t.db->users().find_by_id(user.id)->email_verified_at == std::nullopt);
  EXPECT_EQ(t.db->users().update_access(core::UserId{999}, std::nullopt, true).error().code,
            core::ErrorCode::kNotFound);
}

TEST(SqlUserRepositoryTest, OfConcurrentSignUpsWithOneEmailExactlyOneSucceeds) {
  TestDatabase t;
  constexpr int kThreads = 4;
  std::atomic<int> created{0};
  std::atomic<int> taken{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      const auto user =
          t.db->users().create({i % 2 == 0 ? "same@example.com" : "Same@Example.com", "Li " + std::to_string(i),
                                domain::Role::kCustomer, domain::Locale::kZhCn, "h", t.clock.now()});
      if (user.ok()) {
        ++created;
      } else if (user.error().code == core::ErrorCode::kConflict && user.error().reason == "email_taken") {
        ++taken;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(taken.load(), kThreads - 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM users"), 1);
}

TEST(SqlUserRepositoryTest, SessionsLiveUntilTheyExpireOrAreRevoked) {
  TestDatabase t;
  const auto user = t.add_user("li@example.com");
  const auto now = t.clock.now();
  ASSERT_TRUE(t.db->users().create_session({"digest-1", user.id, now, now + 1h}).ok());

  const auto live = t.db->users().find_session_user("digest-1", now + 59min);
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->id, user.id);
  EXPECT_EQ(live->email, "li@example.com");

  EXPECT_FALSE(t.db->users().find_session_user("digest-1", now + 1h).has_value());  // expired at that moment
  EXPECT_FALSE(t.db->users().find_session_user("digest-2", now).has_value());

  ASSERT_TRUE(t.db->users().revoke_session("digest-1").ok());
  EXPECT_FALSE(t.db->users().find_session_user("digest-1", now).has_value());
  EXPECT_TRUE(t.db->users().revoke_session("digest-1").ok());  // revoking twice is harmless
}

TEST(SqlUserRepositoryTest, ASessionForAnUnknownUserIsRefused) {
  TestDatabase t;
  const auto now = t.clock.now();
  const auto refused = t.db->users().create_session({"digest", core::UserId{77}, now, now + 1h});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sessions"), 0);
}

}  // namespace
}  // namespace gongdan::storage
