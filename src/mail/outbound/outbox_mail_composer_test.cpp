#include "mail/outbound/outbox_mail_composer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "mail/outbound/mustache_template_engine.hpp"
#include "mail/outbound/testing/parsed_mail.hpp"

namespace gongdan::mail {
namespace {

using domain::MailKind;

domain::OutboxEntry entry(MailKind kind) {
  domain::OutboxEntry e;
  e.id = domain::OutboxId{42};
  e.created_at = core::from_epoch_ms(1764107201123);
  e.mail.kind = kind;
  e.mail.to_email = "xiaoming@example.cn";
  e.mail.to_name = "王小明";
  e.mail.locale = domain::Locale::kZhCn;
  e.mail.ticket_number = "261125-7QK3MX";
  e.mail.values.values = {{"customer.name", "王小明"},
                          {"ticket.number", "261125-7QK3MX"},
                          {"ticket.subject", "登录后\n消息列表一直转圈"},
                          {"ticket.status", "已解决"},
                          {"reply.body", "请先退出登录，再重新登录一次。"},
                          {"link", "http://127.0.0.1:8080/tickets/261125-7QK3MX#link=tok"}};
  return e;
}

domain::SmtpSettings smtp() {
  domain::SmtpSettings s;
  s.url = "smtp://127.0.0.1:2525";
  s.from_email = "support@example.com";
  s.from_name = "某某科技客服中心";
  return s;
}

class OutboxMailComposerTest : public ::testing::Test {
 protected:
  domain::WireMessage compose(const domain::OutboxEntry& e) const {
    return composer_.compose(e, domain::default_template(e.mail.kind, e.mail.locale), smtp());
  }
  MustacheTemplateEngine engine_;
  OutboxMailComposer composer_{engine_, "http://127.0.0.1:8080/"};
};

TEST_F(OutboxMailComposerTest, ComposesTheReplyMailOfTheContract) {
  const domain::WireMessage wire = compose(entry(MailKind::kAgentReply));
  EXPECT_EQ(wire.envelope_from, "support@example.com");
  EXPECT_EQ(wire.envelope_to, "xiaoming@example.cn");
  EXPECT_EQ(wire.bytes.rfind("Message-ID: <o42.1764107201123@127.0.0.1>\r\n", 0), 0u);
  EXPECT_NE(wire.bytes.find("\r\nIn-Reply-To: <ticket.261125-7QK3MX@127.0.0.1>\r\n"), std::string::npos);
  EXPECT_NE(wire.bytes.find("\r\nList-Unsubscribe: <mailto:support@example.com?subject=unsubscribe>\r\n"),
            std::string::npos);
  const auto parsed = testing::parse_mail(wire.bytes);
  ASSERT_TRUE(parsed.ok);
  // A newline in a value does not survive into the one-line subject.
  EXPECT_EQ(parsed.subject, "[#261125-7QK3MX] 您的工单有新回复：登录后 消息列表一直转圈");
  EXPECT_EQ(parsed.from_name, "某某科技客服中心");
  EXPECT_EQ(parsed.to_name, "王小明");
  EXPECT_NE(parsed.text.find("请先退出登录，再重新登录一次。"), std::string::npos);
  // site.name and support.email default to the SMTP sender.
  EXPECT_NE(parsed.text.find("某某科技客服中心 客服团队"), std::string::npos) << parsed.text;
  EXPECT_NE(parsed.html.find("mailto:support@example.com"), std::string::npos);
}

TEST_F(OutboxMailComposerTest, ListUnsubscribeOnlyOnNotifications) {
  for (MailKind kind : domain::all_mail_kinds()) {
    const std::string bytes = compose(entry(kind)).bytes;
    const std::string headers = bytes.substr(0, bytes.find("\r\n\r\n"));
    EXPECT_EQ(headers.find("List-Unsubscribe:") != std::string::npos, domain::is_notification(kind)) << to_string(kind);
    EXPECT_NE(headers.find("Auto-Submitted: auto-generated"), std::string::npos);
  }
}

TEST_F(OutboxMailComposerTest, SameEntrySameBytes) {
  EXPECT_EQ(compose(entry(MailKind::kStatusChanged)).bytes, compose(entry(MailKind::kStatusChanged)).bytes);
  domain::OutboxEntry later = entry(MailKind::kStatusChanged);
  later.attempts = 3;
  later.last_error = "421 try later";
  EXPECT_EQ(compose(later).bytes, compose(entry(MailKind::kStatusChanged)).bytes);
}

TEST_F(OutboxMailComposerTest, SiteValuesOfTheUseCaseWin) {
  domain::OutboxEntry e = entry(MailKind::kTestMail);
  e.mail.ticket_number.reset();
  e.mail.values.values["site.name"] = "IM 帮助中心";
  const auto parsed = testing::parse_mail(compose(e).bytes);
  EXPECT_EQ(parsed.subject, "IM 帮助中心 测试邮件");
  EXPECT_NE(parsed.text.find("http://127.0.0.1:8080\r\n"), std::string::npos) << "site.url without the slash";
  EXPECT_EQ(compose(e).bytes.find("In-Reply-To"), std::string::npos);
}

TEST(OutboxMailComposer, MessageIdHostComesFromThePublicUrl) {
  const MustacheTemplateEngine engine;
  EXPECT_EQ(OutboxMailComposer(engine, "https://Help.Example.com:8443/desk").message_id_host(), "help.example.com");
  EXPECT_EQ(OutboxMailComposer(engine, "http://user@[::1]:8080").message_id_host(), "[::1]");
  EXPECT_EQ(OutboxMailComposer(engine, "").message_id_host(), "localhost");
  EXPECT_EQ(OutboxMailComposer(engine, "http://bad host\r\n/x").message_id_host(), "badhost");
}

}  // namespace
}  // namespace gongdan::mail
