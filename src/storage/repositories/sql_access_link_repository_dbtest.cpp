#include "storage/repositories/sql_access_link_repository.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/testing/mail_samples.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::sample_link;
using testing::TestDatabase;

constexpr std::int64_t kT0 = 1'764'000'000'000;

TEST(SqlAccessLinkRepositoryTest, FindsALinkByTheDigestOfItsToken) {
  TestDatabase t;
  const auto user = t.add_user("wang@example.com");
  auto link = sample_link("digest-1", t.clock.now());
  link.purpose = domain::LinkPurpose::kSignIn;
  link.user_id = user.id;
  link.email = "Wang@Example.com";
  ASSERT_TRUE(t.db->outbox().enqueue({{}, {link}}, t.clock.now()).ok());

  const auto found = t.db->access_links().find_by_digest("digest-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_GT(found->id, 0);
  EXPECT_EQ(found->link.purpose, domain::LinkPurpose::kSignIn);
  EXPECT_EQ(found->link.user_id, user.id);
  EXPECT_FALSE(found->link.ticket_id.has_value());
  EXPECT_EQ(found->link.email, "wang@example.com");
  EXPECT_EQ(found->link.expires_at, t.clock.now() + 24h);
  EXPECT_FALSE(found->used_at.has_value());
  EXPECT_FALSE(t.db->access_links().find_by_digest("digest-2").has_value());
}

TEST(SqlAccessLinkRepositoryTest, OfTwoConcurrentUsesExactlyOneSucceeds) {
  TestDatabase t;
  constexpr int kLinks = 20;
  domain::MailEffects effects;
  for (int i = 0; i < kLinks; ++i) effects.links.push_back(sample_link("d" + std::to_string(i), t.clock.now()));
  ASSERT_TRUE(t.db->outbox().enqueue(effects, t.clock.now()).ok());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kLinks; ++i) ids.push_back(t.db->access_links().find_by_digest("d" + std::to_string(i))->id);

  std::atomic<int> used{0};
  std::atomic<int> conflicts{0};
  auto user = [&] {
    for (const auto id : ids) {
      const auto status = t.db->access_links().mark_used(id, t.clock.now());
      if (status.ok()) {
        ++used;
      } else if (status.error().reason == "link_used") {
        ++conflicts;
      }
    }
  };
  std::thread a(user);
  std::thread b(user);
  a.join();
  b.join();
  EXPECT_EQ(used.load(), kLinks);
  EXPECT_EQ(conflicts.load(), kLinks);
  EXPECT_EQ(t.db->access_links().find_by_digest("d0")->used_at, t.clock.now());
  EXPECT_EQ(t.db->access_links().mark_used(ids.back() + 1, t.clock.now()).error().code, core::ErrorCode::kNotFound);
}

TEST(SqlAccessLinkRepositoryTest, RevokingCountsOnlyLiveLinksOfTheTicket) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  const auto other = t.add_ticket(2, kT0);
  const auto now = t.clock.now();
  auto live = sample_link("live", now);
  auto expired = sample_link("expired", now - 48h);
  auto elsewhere = sample_link("elsewhere", now);
  live.ticket_id = ticket.id;
  expired.ticket_id = ticket.id;
  elsewhere.ticket_id = other.id;
  ASSERT_TRUE(t.db->outbox().enqueue({{}, {live, expired, elsewhere}}, now).ok());

  const auto revoked = t.db->access_links().revoke_for_ticket(ticket.id, now);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, 1);
  EXPECT_EQ(t.db->access_links().find_by_digest("live")->revoked_at, now);
  EXPECT_FALSE(t.db->access_links().find_by_digest("elsewhere")->revoked_at.has_value());
  EXPECT_EQ(*t.db->access_links().revoke_for_ticket(ticket.id, now + 1s), 0);
}

}  // namespace
}  // namespace gongdan::storage
