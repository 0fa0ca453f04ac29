#include "domain/testing/in_memory_mail_stores.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"

// The doubles keep the promises of the interfaces the mail use cases rely on; these tests pin the
// ones the use-case tests would otherwise take on trust.
namespace gongdan::domain::testing {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

class InMemoryMailStoresTest : public ::testing::Test {
 protected:
  OutboxId queue(std::string to = "a@example.com", MailKind kind = MailKind::kTicketLink) {
    OutgoingMail mail;
    mail.kind = kind;
    mail.to_email = std::move(to);
    mail.values.values[std::string(kSecretValueName)] = "https://x/tickets/1#link=secret";
    mail.values.values["ticket.number"] = "261118-00000X";
    mail.values.tickets.push_back({{std::string(kSecretValueName), "https://x/tickets/2#link=other"}});
    EXPECT_TRUE(outbox_.enqueue({{mail}, {}}, clock_.now()));
    return outbox_.entries().back().id;
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  InMemoryAccessLinks links_;
  InMemoryOutbox outbox_{links_};
};

TEST_F(InMemoryMailStoresTest, AClaimIsExclusiveUntilItsLeaseEnds) {
  queue();
  const auto now = clock_.now();
  EXPECT_EQ(outbox_.claim_due(now, now + 2min, 10)->size(), 1U);
  EXPECT_TRUE(outbox_.claim_due(now + 1min, now + 3min, 10)->empty());
  EXPECT_EQ(outbox_.claim_due(now + 2min + 1ms, now + 4min, 10)->size(), 1U);
}

TEST_F(InMemoryMailStoresTest, MarkSentRedactsEveryLink) {
  const auto id = queue();
  ASSERT_TRUE(outbox_.mark_sent(id, clock_.now()));
  const auto sent = outbox_.find(id).value();
  EXPECT_EQ(sent.state, OutboxState::kSent);
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_EQ(sent.mail.values.values.at("link"), "[redacted]");
  EXPECT_EQ(sent.mail.values.tickets.at(0).at("link"), "[redacted]");
  EXPECT_EQ(sent.mail.values.values.at("ticket.number"), "261118-00000X");
}

TEST_F(InMemoryMailStoresTest, RetryOnlyFromFailed) {
  const auto id = queue();
  EXPECT_EQ(outbox_.retry(id, clock_.now()).error().reason, "not_failed");
  EXPECT_EQ(outbox_.retry(OutboxId{99}, clock_.now()).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(outbox_.mark_failed(id, "550 no such user", std::nullopt));
  ASSERT_TRUE(outbox_.retry(id, clock_.now() + 1h));
  const auto retried = outbox_.find(id).value();
  EXPECT_EQ(retried.state, OutboxState::kQueued);
  EXPECT_EQ(retried.next_attempt_at, clock_.now() + 1h);
}

TEST_F(InMemoryMailStoresTest, ListPagesNewestFirstAndRefusesForeignCursors) {
  for (int i = 0; i < 5; ++i) queue(i % 2 == 0 ? "even@example.com" : "odd@example.com");
  OutboxQuery query;
  query.limit = 2;
  const auto first = outbox_.list(query).value();
  ASSERT_EQ(first.items.size(), 2U);
  EXPECT_EQ(first.items[0].id.value, 5);
  ASSERT_TRUE(first.next_cursor);
  query.cursor = *first.next_cursor;
  const auto second = outbox_.list(query).value();
  EXPECT_EQ(second.items.at(0).id.value, 3);
  query.cursor = "garbage";
  EXPECT_EQ(outbox_.list(query).error().fields.at(0).field, "cursor");
  OutboxQuery even;
  even.recipient = "even@example.com";
  EXPECT_EQ(outbox_.list(even)->items.size(), 3U);
}

TEST_F(InMemoryMailStoresTest, CountRecentCountsOneKindToOneAddressInTheWindow) {
  queue("a@example.com", MailKind::kTicketLink);
  clock_.advance(2h);
  queue("a@example.com", MailKind::kTicketLink);
  queue("a@example.com", MailKind::kSignInLink);
  queue("b@example.com", MailKind::kTicketLink);
  EXPECT_EQ(outbox_.count_recent(MailKind::kTicketLink, "a@example.com", clock_.now() - 1h), 1);
}

TEST_F(InMemoryMailStoresTest, ALinkIsUsedOnceAndRevokedPerTicket) {
  const auto now = clock_.now();
  const auto sign_in = links_.add({LinkPurpose::kSignIn, "d1", std::nullopt, core::UserId{1}, "a@x", now, now + 30min});
  links_.add({LinkPurpose::kTicket, "d2", core::TicketId{7}, std::nullopt, "a@x", now, now + 24h});
  links_.add({LinkPurpose::kTicket, "d3", core::TicketId{7}, std::nullopt, "a@x", now, now + 24h});
  links_.add({LinkPurpose::kTicket, "d4", core::TicketId{8}, std::nullopt, "a@x", now, now + 24h});
  ASSERT_TRUE(links_.mark_used(sign_in, now));
  EXPECT_EQ(links_.mark_used(sign_in, now).error().reason, "link_used");
  EXPECT_EQ(links_.revoke_for_ticket(core::TicketId{7}, now).value(), 2);
  EXPECT_EQ(links_.revoke_for_ticket(core::TicketId{7}, now).value(), 0);
  EXPECT_TRUE(links_.find_by_digest("d2")->revoked_at);
  EXPECT_FALSE(links_.find_by_digest("d4")->revoked_at);
}

TEST_F(InMemoryMailStoresTest, InboundLogClaimsOnceAndCountsPerSender) {
  InMemoryInboundLog log;
  const auto now = clock_.now();
  EXPECT_TRUE(log.claim("m1@x", "a@x", now, now - 10min).value());
  EXPECT_FALSE(log.claim("m1@x", "a@x", now, now - 10min).value());
  EXPECT_TRUE(log.claim("m1@x", "a@x", now + 11min, now + 1min).value());  // a stale claim is taken over
  ASSERT_TRUE(log.finish("m1@x", "created").ok());
  EXPECT_FALSE(log.claim("m1@x", "a@x", now + 1h, now + 50min).value());
  EXPECT_TRUE(log.seen("m1@x"));
  EXPECT_TRUE(log.claim("m2@x", "a@x", now, now - 10min).value());
  EXPECT_EQ(log.count_from("a@x", clock_.now() - 1h), 2);
  EXPECT_EQ(log.count_from("b@x", clock_.now() - 1h), 0);
}

TEST(PlainTemplateEngineTest, RefusesUnclosedSectionsAndRendersFlatValues) {
  const PlainTemplateEngine engine;
  EXPECT_EQ(engine.check("text", "{{#tickets}} {{number}}").error().fields.at(0).code, "template_syntax");
  EXPECT_FALSE(engine.check("text", "Hello {{name"));
  EXPECT_TRUE(engine.check("text", "{{#tickets}}{{number}}{{/tickets}}"));
  MailValues values;
  values.values["name"] = "<b>";
  EXPECT_EQ(engine.render("Hi {{name}}!", values, false), "Hi <b>!");
  EXPECT_EQ(engine.render("Hi {{name}}!", values, true), "Hi &lt;b&gt;!");
}

}  // namespace
}  // namespace gongdan::domain::testing
