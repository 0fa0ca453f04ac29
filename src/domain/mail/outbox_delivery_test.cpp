#include "domain/mail/outbox_delivery.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_mail_stores.hpp"

namespace gongdan::domain {
namespace {

using namespace std::chrono_literals;

TEST(NextAttemptTest, BacksOffDoublingFromTheBaseUpToTheCap) {
  const DeliverySettings settings;  // 30 s, doubling, capped at 1 h, 12 attempts
  const auto now = core::from_epoch_ms(1'795'000'000'000);
  EXPECT_EQ(next_attempt(settings, 1, now), now + 30s);
  EXPECT_EQ(next_attempt(settings, 2, now), now + 60s);
  EXPECT_EQ(next_attempt(settings, 3, now), now + 120s);
  EXPECT_EQ(next_attempt(settings, 4, now), now + 240s);
  EXPECT_EQ(next_attempt(settings, 7, now), now + 1920s);
  EXPECT_EQ(next_attempt(settings, 8, now), now + 1h);
  EXPECT_EQ(next_attempt(settings, 11, now), now + 1h);
  EXPECT_EQ(next_attempt(settings, 12, now), std::nullopt);
  EXPECT_EQ(next_attempt(settings, 40, now), std::nullopt);
}

TEST(NextAttemptTest, TwelveAttemptsSpanAboutFiveHours) {
  const DeliverySettings settings;
  const auto start = core::from_epoch_ms(0);
  auto at = start;
  for (int attempts = 1; attempts < settings.max_attempts; ++attempts)
    at = next_attempt(settings, attempts, at).value();
  EXPECT_EQ(at - start, 18210s);  // 30 s + 1 min + ... + 32 min, then four hours at the cap
}

class OutboxDeliveryTest : public ::testing::Test {
 protected:
  OutboxDeliveryTest() { configure("smtp://mail.example.com:587"); }

  void configure(std::string url) {
    MailSettings settings;
    settings.smtp.url = std::move(url);
    settings.smtp.from_email = "support@example.com";
    ASSERT_TRUE(saved_settings_.save(settings));
  }
  OutboxId queue(Locale locale = Locale::kZhCn) {
    OutgoingMail mail;
    mail.kind = MailKind::kTicketConfirmation;
    mail.to_email = "lilei@example.com";
    mail.locale = locale;
    mail.ticket_number = "261118-7KQ2MX";
    mail.values.values["ticket.number"] = "261118-7KQ2MX";
    mail.values.values["link"] = "https://help.example.com/tickets/261118-7KQ2MX#link=secret";
    EXPECT_TRUE(outbox_.enqueue({{mail}, {}}, clock_.now()));
    return outbox_.entries().back().id;
  }
  OutboxEntry entry(OutboxId id) { return outbox_.find(id).value(); }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::InMemoryAccessLinks links_;
  testing::InMemoryOutbox outbox_{links_};
  testing::InMemoryMailTemplates templates_;
  testing::InMemoryMailSettings saved_settings_;
  MailSettingsSource settings_{saved_settings_, {}};
  testing::PlainTemplateEngine engine_;
  testing::SimpleComposer composer_{engine_};
  testing::RecordingTransport transport_;
  DeliverySettings delivery_settings_{20, 120s, 30s, 1h, 4};
  OutboxDelivery delivery_{outbox_, templates_, settings_, composer_, transport_, clock_, delivery_settings_};
};

TEST_F(OutboxDeliveryTest, WithoutAnSmtpServerMailStaysQueued) {
  configure("");
  const auto id = queue();
  EXPECT_EQ(delivery_.deliver_due(), 0);
  EXPECT_TRUE(transport_.sent().empty());
  EXPECT_EQ(entry(id).state, OutboxState::kQueued);
  EXPECT_EQ(entry(id).attempts, 0);
}

TEST_F(OutboxDeliveryTest, AcceptedMailIsMarkedSentAndItsLinkRedacted) {
  const auto id = queue();
  EXPECT_EQ(delivery_.deliver_due(), 1);
  const auto sent = transport_.sent();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].first.url, "smtp://mail.example.com:587");
  EXPECT_EQ(sent[0].second.envelope_to, "lilei@example.com");
  EXPECT_EQ(sent[0].second.envelope_from, "support@example.com");
  const auto after = entry(id);
  EXPECT_EQ(after.state, OutboxState::kSent);
  EXPECT_EQ(after.attempts, 1);
  EXPECT_EQ(after.sent_at, clock_.now());
  EXPECT_EQ(after.mail.values.values.at("link"), "[redacted]");
  EXPECT_EQ(delivery_.deliver_due(), 0);
}

TEST_F(OutboxDeliveryTest, TransientFailuresAreRetriedAtTheBackOffTimes) {
  const auto id = queue();
  const auto start = clock_.now();
  for (int i = 0; i < 3; ++i) transport_.answer({false, DeliveryFailure::kTransient, "421 try later"});
  ASSERT_EQ(delivery_.deliver_due(), 1);
  EXPECT_EQ(entry(id).state, OutboxState::kQueued);
  EXPECT_EQ(entry(id).next_attempt_at, start + 30s);
  EXPECT_EQ(entry(id).last_error, "421 try later");
  clock_.advance(29s);
  EXPECT_EQ(delivery_.deliver_due(), 0);  // not due yet
  clock_.advance(1s);
  ASSERT_EQ(delivery_.deliver_due(), 1);
  EXPECT_EQ(entry(id).next_attempt_at, clock_.now() + 60s);
  clock_.advance(60s);
  ASSERT_EQ(delivery_.deliver_due(), 1);
  EXPECT_EQ(entry(id).next_attempt_at, clock_.now() + 120s);
  EXPECT_EQ(entry(id).attempts, 3);
  clock_.advance(120s);
  ASSERT_EQ(delivery_.deliver_due(), 1);  // the script is used up: accepted
  EXPECT_EQ(entry(id).state, OutboxState::kSent);
  EXPECT_EQ(entry(id).attempts, 4);
}

TEST_F(OutboxDeliveryTest, AfterMaxAttemptsTheMailFailsForGood) {
  const auto id = queue();
  for (int i = 0; i < 4; ++i) transport_.answer({false, DeliveryFailure::kTransient, "timeout"});
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(delivery_.deliver_due(), 1) << i;
    clock_.advance(1h);
  }
  EXPECT_EQ(entry(id).state, OutboxState::kFailed);
  EXPECT_EQ(entry(id).attempts, 4);
  EXPECT_EQ(delivery_.deliver_due(), 0);
}

TEST_F(OutboxDeliveryTest, APermanentFailureFailsAtOnce) {
  const auto id = queue();
  transport_.answer({false, DeliveryFailure::kPermanent, "550 no such user"});
  ASSERT_EQ(delivery_.deliver_due(), 1);
  EXPECT_EQ(entry(id).state, OutboxState::kFailed);
  EXPECT_EQ(entry(id).attempts, 1);
  EXPECT_EQ(entry(id).last_error, "550 no such user");
  clock_.advance(2h);
  EXPECT_EQ(delivery_.deliver_due(), 0);
}

TEST_F(OutboxDeliveryTest, ACrashedSendersClaimIsTakenOverAfterItsLease) {
  const auto id = queue();
  const auto now = clock_.now();
  ASSERT_EQ(outbox_.claim_due(now, now + 120s, 10)->size(), 1U);  // a sender that never came back
  EXPECT_EQ(delivery_.deliver_due(), 0);
  clock_.advance(121s);
  EXPECT_EQ(delivery_.deliver_due(), 1);
  EXPECT_EQ(entry(id).state, OutboxState::kSent);
}

TEST_F(OutboxDeliveryTest, ACustomizedTemplateIsUsedOverTheShippedOne) {
  ASSERT_TRUE(templates_.save({MailKind::kTicketConfirmation, Locale::kZhCn, "已收到 {{ticket.number}}",
                               "您的工单 {{ticket.number}}：{{link}}", "", true, clock_.now()}));
  queue(Locale::kZhCn);
  queue(Locale::kEn);
  ASSERT_EQ(delivery_.deliver_due(), 2);
  const auto sent = transport_.sent();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_NE(sent[0].second.bytes.find("Subject: 已收到 261118-7KQ2MX"), std::string::npos) << sent[0].second.bytes;
  EXPECT_NE(sent[0].second.bytes.find("#link=secret"), std::string::npos);
  EXPECT_EQ(sent[1].second.bytes.find("已收到"), std::string::npos);  // the English mail keeps the shipped text
  EXPECT_EQ(template_for(templates_, MailKind::kTicketConfirmation, Locale::kZhCn).subject, "已收到 {{ticket.number}}");
  EXPECT_FALSE(template_for(templates_, MailKind::kTicketConfirmation, Locale::kEn).customized);
}

}  // namespace
}  // namespace gongdan::domain
