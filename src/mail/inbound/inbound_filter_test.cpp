#include "mail/inbound/inbound_filter.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "mail/inbound/mail_fixture.hpp"

namespace gongdan::mail {
namespace {

using testing::read_mail_fixture;
using References = std::vector<std::string>;

domain::InboundMail read(const std::string& fixture) {
  auto mail = read_inbound_mail(read_mail_fixture(fixture));
  EXPECT_TRUE(mail.ok()) << fixture;
  return mail ? std::move(mail).value() : domain::InboundMail{};
}

TEST(InboundFixtures, QqMailGbkBase64ReplyLosesItsOriginalMailBlock) {
  const auto mail = read("qq_gbk_reply.eml");
  EXPECT_EQ(mail.message_id, "tencent_3F2A1B0C9D8E7F6A5B4C3D2E1F0A@qq.com");
  EXPECT_EQ(mail.from_email, "12345678@qq.com");
  EXPECT_EQ(mail.from_name, "王喆");
  EXPECT_EQ(mail.subject, "回复：[工单 261125-ABCDE7] 已收到您的工单");
  EXPECT_EQ(mail.body, "您好，\n我按照步骤重置了密码，还是提示“账号不存在”。\n王喆");
  EXPECT_EQ(mail.references, (References{"o12.1764000000000@127.0.0.1", "ticket.261125-ABCDE7@127.0.0.1"}));
  EXPECT_TRUE(mail.attachments.empty());
  EXPECT_FALSE(mail.automatic);
}

TEST(InboundFixtures, FoxmailGb18030QuotedPrintableWithGbkCharactersUnderAGb2312Label) {
  const auto mail = read("foxmail_gb18030_qp.eml");
  EXPECT_EQ(mail.from_email, "chenzhe@foxmail.com");
  EXPECT_EQ(mail.from_name, "陈喆");
  EXPECT_EQ(mail.subject, "回复: [工单 261125-FGHJK2] 账号被锁定（用户：陈喆）");
  EXPECT_EQ(mail.body, "你好：\n账号被锁定了，麻烦尽快处理，谢谢！\n\n陈喆");
  EXPECT_EQ(mail.references, (References{"o31.1764036000000@127.0.0.1"}));
  EXPECT_FALSE(mail.automatic);
}

TEST(InboundFixtures, OutlookChineseHtmlOnlyReplyIsReducedToTextAboveTheSenderBlock) {
  const auto mail = read("outlook_zh_html.eml");
  EXPECT_EQ(mail.from_name, "刘镕");
  EXPECT_EQ(mail.subject, "答复: [工单 261125-MNPQR3] 状态更新");
  EXPECT_EQ(mail.body, "您好，\n\n问题已经解决了，可以关闭工单。\n谢谢！ ——刘镕");
  EXPECT_EQ(mail.references, (References{"o45.1764036000000@127.0.0.1"}));
}

TEST(InboundFixtures, GmailEnglishReplyWithAWrappedAttribution) {
  const auto mail = read("gmail_en_reply.eml");
  EXPECT_EQ(mail.from_email, "alice.example@gmail.com");
  EXPECT_EQ(mail.from_name, "Alice Example");
  EXPECT_EQ(mail.subject, "Re: [Ticket 261125-ABCDE7] We received your ticket");
  EXPECT_EQ(mail.body, "Hi,\n\nThe app still crashes after the update. Logs are below.\n\nThanks,\nAlice");
  // In-Reply-To first, then References in order, each once.
  EXPECT_EQ(mail.references, (References{"o12.1764000000000@127.0.0.1", "ticket.261125-ABCDE7@127.0.0.1"}));
}

TEST(InboundFixtures, AppleMailChineseReplyCutAtZaiXieDao) {
  const auto mail = read("apple_zh_utf8.eml");
  EXPECT_EQ(mail.from_name, "张三");
  EXPECT_EQ(mail.subject, "回复：[工单 261125-ABCDE7] 应用闪退");
  EXPECT_EQ(mail.body, "已经更新到 3.2.1 版本，打开聊天窗口还是会闪退。\n\n发自我的 iPhone");
}

TEST(InboundFixtures, Big5MessageKeepsItsPngUnderItsRfc2231ChineseName) {
  const auto mail = read("big5_attachment.eml");
  EXPECT_EQ(mail.from_name, "林志明");
  EXPECT_EQ(mail.subject, "登入後畫面空白");
  EXPECT_EQ(mail.body, "您好：\n登入後畫面一片空白，附件是錯誤畫面的截圖。\n\n林志明");
  EXPECT_TRUE(mail.references.empty());
  ASSERT_EQ(mail.attachments.size(), 1U);
  EXPECT_EQ(mail.attachments[0].filename, "錯誤畫面.png");
  EXPECT_EQ(mail.attachments[0].bytes, read_mail_fixture("tiny.png"));
}

TEST(InboundFixtures, OutOfOfficeReplyIsAutomatic) {
  const auto mail = read("out_of_office.eml");
  EXPECT_EQ(mail.subject, "自动回复: [工单 261125-ABCDE7] 状态更新");
  EXPECT_EQ(mail.automatic, "auto-submitted: auto-replied");
}

TEST(InboundFixtures, BounceIsAutomaticAndKeepsOnlyTheNotificationText) {
  const auto mail = read("bounce.eml");
  EXPECT_EQ(mail.from_email, "mailer-daemon@mx.example.net");
  EXPECT_EQ(mail.automatic, "return-path: <>");
  EXPECT_EQ(
      mail.body,
      "This is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message could "
      "not\nbe delivered to one or more recipients.\n\n<nobody@example.net>: host mx.example.net said: 550 5.1.1 "
      "User unknown");
  EXPECT_TRUE(mail.attachments.empty());
}

TEST(InboundFixtures, RawEightBitGbkHeadersAreReadAsGb18030) {
  const auto mail = read("raw_gbk_subject.eml");
  EXPECT_EQ(mail.from_email, "zhangwei@example.cn");
  EXPECT_EQ(mail.from_name, "张伟");
  EXPECT_EQ(mail.subject, "关于退款的问题");
  EXPECT_EQ(mail.body, "上周购买的会员没有生效，请帮忙退款。");
}

TEST(InboundFixtures, MissingMessageIdIsSynthesizedStablyFromTheBytes) {
  const auto mail = read("no_message_id.eml");
  // A fixed value: the id must not change between builds, or a redelivery would not be a duplicate.
  EXPECT_EQ(mail.message_id, "generated.526b93e852065b73@gongdan.invalid");
  EXPECT_EQ(mail.from_email, "bob@example.org");
  EXPECT_EQ(mail.from_name, "");
  EXPECT_EQ(mail.body, "The reset link says it has expired although I just requested it.");
}

TEST(InboundMail, InputThatIsNotAMessageIsInvalid) {
  for (const std::string_view input : {"", "  \r\n\r\n", "just some words\nand more words\n"}) {
    const auto mail = read_inbound_mail(input);
    ASSERT_FALSE(mail.ok()) << input;
    EXPECT_EQ(mail.error().code, core::ErrorCode::kInvalid);
    EXPECT_EQ(mail.error().reason, "not_a_message");
  }
}

TEST(InboundMail, OversizedInputIsRefusedBeforeParsing) {
  const std::string huge(kMaxInboundMessageBytes + 1, 'a');
  const auto mail = read_inbound_mail(huge);
  ASSERT_FALSE(mail.ok());
  EXPECT_EQ(mail.error().code, core::ErrorCode::kTooLarge);
  EXPECT_EQ(mail.error().reason, "message_too_large");
}

TEST(InboundMail, AnMboxFromLineBeforeTheHeadersIsSkipped) {
  const auto mail = read_inbound_mail(
      "From bob@example.org Wed Nov 25 14:00:00 2026\nFrom: bob@example.org\n"
      "Subject: Hi\nMessage-ID: <x@y>\n\nHello\n");
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->from_email, "bob@example.org");
  EXPECT_EQ(mail->message_id, "x@y");
  EXPECT_EQ(mail->body, "Hello");
}

}  // namespace
}  // namespace gongdan::mail
