#include "mail/inbound/automatic_mail.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gongdan::mail {
namespace {

std::optional<std::string> reason_for(const std::string& headers, const std::string& body = "Hello\n") {
  auto parsed = parse_message(headers + "\n" + body);
  EXPECT_TRUE(parsed.ok());
  return parsed ? automatic_mail_reason(*parsed) : std::nullopt;
}

const std::string kPerson = "From: Li Lei <lilei@example.cn>\nSubject: 无法登录\n";

TEST(AutomaticMail, MailFromAPersonIsNotAutomatic) {
  EXPECT_EQ(reason_for(kPerson), std::nullopt);
  EXPECT_EQ(reason_for(kPerson + "Auto-Submitted: no\n"), std::nullopt);
  EXPECT_EQ(reason_for(kPerson + "Precedence: first-class\n"), std::nullopt);
  EXPECT_EQ(reason_for(kPerson + "X-Auto-Response-Suppress: DR, RN\n"), std::nullopt);
}

TEST(AutomaticMail, AutoSubmittedOtherThanNo) {
  EXPECT_EQ(reason_for(kPerson + "Auto-Submitted: auto-replied\n"), "auto-submitted: auto-replied");
  EXPECT_EQ(reason_for(kPerson + "Auto-Submitted: Auto-Generated; owner-email=\"a@b\"\n"),
            "auto-submitted: auto-generated");
}

TEST(AutomaticMail, Precedence) {
  for (const std::string kind : {"bulk", "junk", "list", "auto_reply"}) {
    EXPECT_EQ(reason_for(kPerson + "Precedence: " + kind + "\n"), "precedence: " + kind);
  }
}

TEST(AutomaticMail, AutoreplyHeaders) {
  EXPECT_EQ(reason_for(kPerson + "X-Autoreply: yes\n"), "x-autoreply: yes");
  EXPECT_EQ(reason_for(kPerson + "X-Autorespond: Out of office\n"), "x-autorespond: out of office");
  EXPECT_EQ(reason_for(kPerson + "X-Auto-Response-Suppress: All\n"), "x-auto-response-suppress: all");
  EXPECT_EQ(reason_for(kPerson + "X-Auto-Response-Suppress: OOF\n"), "x-auto-response-suppress: oof");
}

TEST(AutomaticMail, MailingLists) {
  EXPECT_EQ(reason_for(kPerson + "List-Id: <news.example.cn>\n"), "list-id");
  EXPECT_EQ(reason_for(kPerson + "List-Unsubscribe: <mailto:u@example.cn>\n"), "list-unsubscribe");
}

TEST(AutomaticMail, NullOrDaemonSenders) {
  EXPECT_EQ(reason_for(kPerson + "Return-Path: <>\n"), "return-path: <>");
  EXPECT_EQ(reason_for("From: MAILER-DAEMON@mx.example.cn\nSubject: x\n"), "from: mailer-daemon");
  EXPECT_EQ(reason_for("From: Postmaster <postmaster@example.cn>\nSubject: x\n"), "from: postmaster");
}

TEST(AutomaticMail, DeliveryStatusReport) {
  EXPECT_EQ(reason_for("From: mx@example.cn\nSubject: x\nMIME-Version: 1.0\n"
                       "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n",
                       "--b\nContent-Type: text/plain\n\nfailed\n--b--\n"),
            "content-type: multipart/report");
}

TEST(AutomaticMail, OutOfOfficeSubjectsAsALastResort) {
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: =?utf-8?B?6Ieq5Yqo5Zue5aSNOiDkvJHlgYfkuK0=?=\n"),
            "subject: 自动回复");  // "自动回复: 休假中"
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: Automatic reply: Ticket\n"), "subject: automatic reply");
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: Out of Office: back Monday\n"), "subject: out of office");
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: [Auto Reply] hi\n"), "subject: auto reply");
  // The same words inside a customer's own subject are a real question.
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: =?utf-8?B?5LyR5YGH5pyf6Ze05peg5rOV55m75b2V?=\n"),
            std::nullopt);  // "休假期间无法登录"
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: =?utf-8?B?44CQ5LyR5YGH44CRMTLmnIgx5pel6L+U5Zue?=\n"),
            "subject: 休假");  // "【休假】12月1日返回"
  EXPECT_EQ(reason_for("From: a@example.cn\nSubject: Re: how do I set an auto reply?\n"), std::nullopt);
}

}  // namespace
}  // namespace gongdan::mail
