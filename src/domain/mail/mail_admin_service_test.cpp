#include "domain/mail/mail_admin_service.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_mail_stores.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

Actor user_with(Role role) {
  User user;
  user.id = core::UserId{static_cast<std::int64_t>(role) + 1};
  user.email = "someone@example.com";
  user.name = "王芳";
  user.role = role;
  return Actor{user, std::nullopt};
}

std::vector<std::string> fields_of(const core::Error& error) {
  std::vector<std::string> out;
  for (const auto& f : error.fields) out.push_back(f.field + ":" + f.code);
  return out;
}

class MailAdminServiceTest : public ::testing::Test {
 protected:
  MailSettingsUpdate valid_update() {
    MailSettingsUpdate update;
    update.smtp = {"smtp://mail.example.com:587", "support", "", true, "Support@Example.com", "客服"};
    update.imap = ImapSettings{"imaps://mail.example.com/INBOX", "support", "", 60};
    return update;
  }
  OutboxId queue(std::string to = "lilei@example.com") {
    OutgoingMail mail;
    mail.kind = MailKind::kAgentReply;
    mail.to_email = std::move(to);
    EXPECT_TRUE(outbox_.enqueue({{mail}, {}}, clock_.now()));
    return outbox_.entries().back().id;
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::InMemoryAccessLinks links_;
  testing::InMemoryOutbox outbox_{links_};
  testing::InMemoryMailTemplates templates_;
  testing::InMemoryMailSettings saved_settings_;
  MailSettingsSource settings_{saved_settings_, {}};
  testing::PlainTemplateEngine engine_;
  testing::SimpleComposer composer_{engine_};
  testing::RecordingTransport transport_;
  MailAdminService service_{outbox_, templates_, settings_, engine_, composer_, transport_, clock_};
  Actor admin_ = user_with(Role::kAdmin);
};

TEST_F(MailAdminServiceTest, EveryPageIsForAdminsOnly) {
  using Outcome = std::optional<ErrorCode>;
  const auto outcome = [](const auto& result) -> Outcome { return result ? Outcome{} : Outcome{result.error().code}; };
  const TemplateTexts texts{"主题", "正文", ""};
  const std::vector<std::pair<const char*, std::function<Outcome(const Actor&)>>> pages{
      {"outbox", [&](const Actor& a) { return outcome(service_.outbox(a, {})); }},
      {"retry", [&](const Actor& a) { return outcome(service_.retry(a, 1)); }},
      {"settings", [&](const Actor& a) { return outcome(service_.settings(a)); }},
      {"save settings", [&](const Actor& a) { return outcome(service_.save_settings(a, valid_update())); }},
      {"send test", [&](const Actor& a) { return outcome(service_.send_test(a, "x@example.com")); }},
      {"templates", [&](const Actor& a) { return outcome(service_.templates(a)); }},
      {"save template",
       [&](const Actor& a) { return outcome(service_.save_template(a, "agent_reply", "zh-CN", texts)); }},
      {"reset template", [&](const Actor& a) { return outcome(service_.reset_template(a, "agent_reply", "zh-CN")); }},
      {"preview", [&](const Actor& a) { return outcome(service_.preview(a, "agent_reply", "zh-CN", texts)); }},
  };
  const Actor holder{std::nullopt, TicketGrant{core::TicketId{1}, "lilei@example.com"}};
  for (const auto& [page, run] : pages) {
    EXPECT_EQ(run(Actor::anonymous()), ErrorCode::kUnauthenticated) << page;
    EXPECT_EQ(run(holder), ErrorCode::kUnauthenticated) << page;
    EXPECT_EQ(run(user_with(Role::kCustomer)), ErrorCode::kPermissionDenied) << page;
    EXPECT_EQ(run(user_with(Role::kAgent)), ErrorCode::kPermissionDenied) << page;
  }
  EXPECT_TRUE(outbox_.entries().empty());
  EXPECT_FALSE(saved_settings_.load());
  EXPECT_TRUE(templates_.customized().empty());
  EXPECT_TRUE(transport_.sent().empty());
}

TEST_F(MailAdminServiceTest, AnAbsentPasswordIsKeptAndAnEmptyOneClears) {
  auto update = valid_update();
  update.smtp_password = "s3cret";
  update.imap_password = "imap-secret";
  ASSERT_TRUE(service_.save_settings(admin_, update));
  update.smtp_password.reset();
  update.imap_password = "";
  update.smtp.password = "ignored: passwords come only from the optional fields";
  const auto saved = service_.save_settings(admin_, update).value();
  EXPECT_EQ(saved.smtp.password, "s3cret");
  EXPECT_EQ(saved.imap.password, "");
  EXPECT_EQ(saved_settings_.load()->smtp.password, "s3cret");
  EXPECT_EQ(saved.smtp.from_email, "support@example.com");
}

TEST_F(MailAdminServiceTest, WithoutImapTheMailboxSettingsStay) {
  auto update = valid_update();
  update.imap_password = "imap-secret";
  ASSERT_TRUE(service_.save_settings(admin_, update));
  update.imap.reset();
  update.imap_password.reset();
  update.smtp.url = "smtps://other.example.com:465";
  const auto saved = service_.save_settings(admin_, update).value();
  EXPECT_EQ(saved.smtp.url, "smtps://other.example.com:465");
  EXPECT_EQ(saved.imap.url, "imaps://mail.example.com/INBOX");
  EXPECT_EQ(saved.imap.password, "imap-secret");
}

TEST_F(MailAdminServiceTest, SettingsAreValidatedFieldByField) {
  auto update = valid_update();
  update.smtp.url = "http://mail.example.com";
  update.smtp.from_email = "not an address";
  update.imap->url = "ftp://mail.example.com";
  update.imap->poll_seconds = 5;
  update.smtp_password = std::string(501, 'x');
  const auto result = service_.save_settings(admin_, update);
  ASSERT_FALSE(result);
  EXPECT_EQ(fields_of(result.error()),
            (std::vector<std::string>{"smtp.url:invalid", "smtp.from_email:invalid", "imap.url:invalid",
                                      "imap.poll_seconds:invalid", "smtp.password:too_long"}));
  EXPECT_FALSE(saved_settings_.load());
}

TEST_F(MailAdminServiceTest, EmptyUrlsAreAllowed) {
  auto update = valid_update();
  update.smtp.url.clear();
  update.imap->url.clear();
  EXPECT_TRUE(service_.save_settings(admin_, update));
}

TEST_F(MailAdminServiceTest, ATestMailNeedsAnSmtpServerAndReportsItsAnswer) {
  EXPECT_EQ(fields_of(service_.send_test(admin_, "x@example.com").error()),
            (std::vector<std::string>{"smtp.url:required"}));
  ASSERT_TRUE(service_.save_settings(admin_, valid_update()));
  EXPECT_EQ(fields_of(service_.send_test(admin_, "nope").error()), (std::vector<std::string>{"to:invalid"}));
  transport_.answer({false, DeliveryFailure::kPermanent, "535 authentication failed"});
  const auto result = service_.send_test(admin_, " X@Example.com").value();
  EXPECT_FALSE(result.accepted);
  EXPECT_EQ(result.answer, "535 authentication failed");
  ASSERT_EQ(transport_.sent().size(), 1U);
  EXPECT_EQ(transport_.sent()[0].second.envelope_to, "x@example.com");
  EXPECT_TRUE(outbox_.entries().empty());  // sent at once, not through the outbox
}

TEST_F(MailAdminServiceTest, TemplatesListEveryKindInBothLanguages) {
  ASSERT_TRUE(service_.save_template(admin_, "agent_reply", "en", {"Re: {{ticket.subject}}", "{{reply.body}}", ""}));
  const auto all = service_.templates(admin_).value();
  ASSERT_EQ(all.size(), all_mail_kinds().size() * 2);
  int customized = 0;
  for (const auto& t : all) {
    if (!t.customized) continue;
    ++customized;
    EXPECT_EQ(t.kind, MailKind::kAgentReply);
    EXPECT_EQ(t.locale, Locale::kEn);
    EXPECT_EQ(t.subject, "Re: {{ticket.subject}}");
  }
  EXPECT_EQ(customized, 1);
}

TEST_F(MailAdminServiceTest, ATemplateThatDoesNotParseIsRefusedWithItsField) {
  const auto result =
      service_.save_template(admin_, "ticket_list", "zh-CN", {"您的工单", "{{#tickets}} {{number}}", ""});
  ASSERT_FALSE(result);
  EXPECT_EQ(fields_of(result.error()), (std::vector<std::string>{"text:template_syntax"}));
  EXPECT_TRUE(templates_.customized().empty());
  EXPECT_EQ(fields_of(service_.preview(admin_, "ticket_list", "zh-CN", {"{{#x}}", "正文", ""}).error()),
            (std::vector<std::string>{"subject:template_syntax"}));
}

TEST_F(MailAdminServiceTest, ATemplateNeedsAText) {
  EXPECT_EQ(fields_of(service_.save_template(admin_, "agent_reply", "en", {"Subject", "", ""}).error()),
            (std::vector<std::string>{"text:required"}));
}

TEST_F(MailAdminServiceTest, UnknownKindsAndLanguagesAreNotFound) {
  EXPECT_EQ(service_.save_template(admin_, "spam", "en", {"s", "t", ""}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.save_template(admin_, "agent_reply", "fr", {"s", "t", ""}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.reset_template(admin_, "spam", "en").error().code, ErrorCode::kNotFound);
}

TEST_F(MailAdminServiceTest, ResetGoesBackToTheShippedText) {
  ASSERT_TRUE(service_.save_template(admin_, "agent_reply", "en", {"S", "T", ""}));
  ASSERT_TRUE(service_.reset_template(admin_, "agent_reply", "en"));
  EXPECT_TRUE(templates_.customized().empty());
  EXPECT_EQ(service_.reset_template(admin_, "agent_reply", "en").error().code, ErrorCode::kNotFound);
}

TEST_F(MailAdminServiceTest, PreviewRendersSampleValuesWithoutSaving) {
  const auto preview =
      service_
          .preview(admin_, "agent_reply", "zh-CN",
                   {"[{{ticket.number}}] {{ticket.subject}}", "{{reply.body}}", "<p>{{customer.name}}</p>"})
          .value();
  EXPECT_EQ(preview.subject, "[261125-7KQ2MX] 更新后打开聊天就闪退");
  EXPECT_EQ(preview.text, "您好，请在设置 → 存储中清除缓存后再试一次。");
  EXPECT_EQ(preview.html, "<p>李雷</p>");
  EXPECT_TRUE(templates_.customized().empty());
  EXPECT_EQ(service_.preview(admin_, "agent_reply", "en", {"{{customer.name}}", "t", ""})->subject, "Alex Chen");
}

TEST_F(MailAdminServiceTest, SampleValuesNameEveryTicketListRow) {
  EXPECT_EQ(sample_mail_values(MailKind::kTicketList, Locale::kEn).tickets.size(), 1U);
  EXPECT_TRUE(sample_mail_values(MailKind::kAgentReply, Locale::kEn).tickets.empty());
}

TEST_F(MailAdminServiceTest, OutboxFiltersByStateAndRecipient) {
  const auto failed = queue("a@example.com");
  queue("b@example.com");
  ASSERT_TRUE(outbox_.mark_failed(failed, "550", std::nullopt));
  EXPECT_EQ(service_.outbox(admin_, {"failed", "", "", std::nullopt})->items.size(), 1U);
  EXPECT_EQ(service_.outbox(admin_, {"queued, failed", "", "", std::nullopt})->items.size(), 2U);
  EXPECT_EQ(service_.outbox(admin_, {std::nullopt, " B@Example.com ", "", std::nullopt})->items.size(), 1U);
  EXPECT_EQ(fields_of(service_.outbox(admin_, {"lost", "", "", std::nullopt}).error()),
            (std::vector<std::string>{"state:invalid"}));
  EXPECT_EQ(fields_of(service_.outbox(admin_, {std::nullopt, "", "", 0}).error()),
            (std::vector<std::string>{"limit:invalid"}));
  EXPECT_EQ(fields_of(service_.outbox(admin_, {std::nullopt, "", "bogus", std::nullopt}).error()),
            (std::vector<std::string>{"cursor:invalid"}));
}

TEST_F(MailAdminServiceTest, RetryRequeuesFailedMailOnly) {
  const auto id = queue();
  EXPECT_EQ(service_.retry(admin_, id.value).error().reason, "not_failed");
  EXPECT_EQ(service_.retry(admin_, 999).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(outbox_.mark_failed(id, "550", std::nullopt));
  clock_.advance(1h);
  const auto retried = service_.retry(admin_, id.value).value();
  EXPECT_EQ(retried.state, OutboxState::kQueued);
  EXPECT_EQ(retried.next_attempt_at, clock_.now());
}

}  // namespace
}  // namespace gongdan::domain
