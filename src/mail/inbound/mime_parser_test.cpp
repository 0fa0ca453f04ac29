#include "mail/inbound/mime_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gongdan::mail {
namespace {

ParsedMessage parse(const std::string& raw) {
  auto parsed = parse_message(raw);
  EXPECT_TRUE(parsed.ok());
  return parsed ? std::move(parsed).value() : ParsedMessage{};
}

TEST(MimeParser, HeadersAreKeptInOrderDecoded) {
  const auto parsed = parse("From: a@example.cn\nSubject: =?utf-8?B?5bel5Y2V?=\nX-Custom: one\n two\n\nbody\n");
  ASSERT_EQ(parsed.headers.size(), 3U);
  EXPECT_EQ(parsed.headers[1].name, "Subject");
  EXPECT_EQ(parsed.headers[1].value, "工单");
  EXPECT_EQ(*parsed.header("x-custom"), "one two");
  EXPECT_EQ(parsed.header("List-Id"), nullptr);
  EXPECT_EQ(parsed.mime_type, "text/plain");
}

TEST(MimeParser, AlternativePrefersPlainTextAndCrLfBecomesLf) {
  const auto parsed = parse(
      "From: a@example.cn\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\nplain\r\nline\r\n--b\r\nContent-Type: text/html\r\n\r\n"
      "<p>html</p>\r\n--b--\r\n");
  EXPECT_EQ(parsed.mail.body, "plain\nline");
}

TEST(MimeParser, RelatedHtmlKeepsItsInlineScreenshot) {
  const auto parsed = parse(
      "From: a@example.cn\nContent-Type: multipart/related; boundary=r\n\n--r\nContent-Type: text/html; "
      "charset=utf-8\n\n<p>截图如下</p><img src=\"cid:i1\">\n--r\nContent-Type: image/png\nContent-ID: <i1>\n"
      "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--r--\n");
  EXPECT_EQ(parsed.mail.body, "截图如下");
  ASSERT_EQ(parsed.mail.attachments.size(), 1U);
  EXPECT_EQ(parsed.mail.attachments[0].filename, "image-1.png");
  EXPECT_EQ(parsed.mail.attachments[0].bytes, "\x89PNG\r\n\x1a\n");
}

TEST(MimeParser, TextAttachmentsAreFilesNotBody) {
  const auto parsed = parse(
      "From: a@example.cn\nContent-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: text/plain\n\n正文\n"
      "--m\nContent-Type: text/plain; name=\"=?utf-8?B?5pel5b+XLnR4dA==?=\"\nContent-Disposition: attachment\n\n"
      "log line\n--m--\n");
  EXPECT_EQ(parsed.mail.body, "正文");
  ASSERT_EQ(parsed.mail.attachments.size(), 1U);
  EXPECT_EQ(parsed.mail.attachments[0].filename, "日志.txt");
  EXPECT_EQ(parsed.mail.attachments[0].bytes, "log line");
}

TEST(MimeParser, SignedMailShowsItsContentNotItsSignature) {
  const auto parsed = parse(
      "From: a@example.cn\nContent-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=s\n\n"
      "--s\nContent-Type: text/plain\n\nsigned text\n--s\nContent-Type: application/pgp-signature\n\nsig\n--s--\n");
  EXPECT_EQ(parsed.mail.body, "signed text");
  EXPECT_TRUE(parsed.mail.attachments.empty());
  EXPECT_TRUE(parse("From: a@example.cn\nContent-Type: multipart/signed; boundary=s\n\n--s--\n").mail.body.empty());
}

TEST(MimeParser, NestingBeyondTheLimitIsIgnoredNotFollowed) {
  std::string raw = "From: a@example.cn\nContent-Type: multipart/mixed; boundary=b0\n\n";
  constexpr int kLevels = 200;
  for (int i = 1; i < kLevels; ++i) {
    raw += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n";
  }
  raw += "--b" + std::to_string(kLevels - 1) + "\nContent-Type: text/plain\n\ndeep\n";
  const auto parsed = parse(raw);
  EXPECT_EQ(parsed.mail.body, "");
}

TEST(MimeParser, NotAMessage) {
  const auto parsed = parse_message("no header here at all\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().reason, "not_a_message");
}

}  // namespace
}  // namespace gongdan::mail
