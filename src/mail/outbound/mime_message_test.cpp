#include "mail/outbound/mime_message.hpp"

#include <gtest/gtest.h>

#include <string>

#include "mail/outbound/mime_encoding.hpp"
#include "mail/outbound/testing/parsed_mail.hpp"

namespace gongdan::mail {
namespace {

MimeMessage sample() {
  MimeMessage m;
  m.message_id = "<o42.1764107201000@help.example.com>";
  m.date = core::from_epoch_ms(1764107201000);
  m.from = {"工单客服", "support@example.com"};
  m.to = {"王小明", "xiaoming@example.cn"};
  m.subject = "[#261125-7QK3MX] 您的工单有新回复：登录后消息列表一直转圈";
  m.thread_id = "<ticket.261125-7QK3MX@help.example.com>";
  m.ticket_number = "261125-7QK3MX";
  m.text = "您好：\n\n请先退出登录，再重新登录一次。\n" + std::string(300, 'x') + "\n";
  m.html = "<p style=\"margin:0\">您好：</p>\n<p>请先退出登录。</p>\n";
  return m;
}

std::string headers_of(const std::string& bytes) { return bytes.substr(0, bytes.find("\r\n\r\n") + 2); }

TEST(MimeMessage, EveryLineEndsInCrlfAndStaysShort) {
  const std::string bytes = build_mime_message(sample());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const bool bare_lf = bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r');
    const bool bare_cr = bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n');
    ASSERT_FALSE(bare_lf || bare_cr) << "at " << i;
  }
  std::size_t start = 0;
  for (std::size_t end = bytes.find("\r\n"); end != std::string::npos; end = bytes.find("\r\n", start)) {
    EXPECT_LE(end - start, 78u) << bytes.substr(start, end - start);
    start = end + 2;
  }
  EXPECT_TRUE(bytes.ends_with("--\r\n"));
}

TEST(MimeMessage, GMimeReadsItBack) {
  const MimeMessage m = sample();
  const auto parsed = testing::parse_mail(build_mime_message(m));
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.subject, m.subject);
  EXPECT_EQ(parsed.from_name, "工单客服");
  EXPECT_EQ(parsed.from_email, "support@example.com");
  EXPECT_EQ(parsed.to_name, "王小明");
  EXPECT_EQ(parsed.to_email, "xiaoming@example.cn");
  EXPECT_EQ(parsed.message_id, "o42.1764107201000@help.example.com");
  EXPECT_EQ(parsed.content_type, "multipart/alternative");
  // Bodies come back with CRLF line ends, as they travelled.
  EXPECT_NE(parsed.text.find("请先退出登录，再重新登录一次。\r\n"), std::string::npos) << parsed.text;
  EXPECT_NE(parsed.text.find(std::string(300, 'x')), std::string::npos);
  EXPECT_NE(parsed.html.find("<p>请先退出登录。</p>"), std::string::npos) << parsed.html;
}

TEST(MimeMessage, HeadersOfTheContract) {
  const std::string headers = headers_of(build_mime_message(sample()));
  EXPECT_EQ(headers.rfind("Message-ID: <o42.1764107201000@help.example.com>\r\n", 0), 0u);
  EXPECT_NE(headers.find("\r\nDate: Tue, 25 Nov 2025 21:46:41 +0000\r\n"), std::string::npos) << headers;
  EXPECT_NE(headers.find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nAuto-Submitted: auto-generated\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nIn-Reply-To: <ticket.261125-7QK3MX@help.example.com>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nReferences: <ticket.261125-7QK3MX@help.example.com>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nX-Gongdan-Ticket: 261125-7QK3MX\r\n"), std::string::npos);
  EXPECT_NE(headers.find("\r\nContent-Type: multipart/alternative; boundary=\"=_gongdan_"), std::string::npos);
  EXPECT_EQ(headers.find("List-Unsubscribe"), std::string::npos);
}

TEST(MimeMessage, ListUnsubscribeOnlyWhenGiven) {
  MimeMessage m = sample();
  m.list_unsubscribe = "<mailto:support@example.com?subject=unsubscribe>";
  const std::string headers = headers_of(build_mime_message(m));
  EXPECT_NE(headers.find("\r\nList-Unsubscribe: <mailto:support@example.com?subject=unsubscribe>\r\n"),
            std::string::npos);
  EXPECT_NE(headers.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
}

TEST(MimeMessage, MailAboutNoTicketHasNoThreadHeaders) {
  MimeMessage m = sample();
  m.thread_id.reset();
  m.ticket_number.reset();
  const std::string headers = headers_of(build_mime_message(m));
  EXPECT_EQ(headers.find("In-Reply-To"), std::string::npos);
  EXPECT_EQ(headers.find("References"), std::string::npos);
  EXPECT_EQ(headers.find("X-Gongdan-Ticket"), std::string::npos);
}

TEST(MimeMessage, SameInputSameBytesAndTheBoundaryFollowsTheMessageId) {
  EXPECT_EQ(build_mime_message(sample()), build_mime_message(sample()));
  MimeMessage other = sample();
  other.message_id = "<o43.1764107201000@help.example.com>";
  const std::string a = headers_of(build_mime_message(sample()));
  const std::string b = headers_of(build_mime_message(other));
  EXPECT_NE(a.substr(a.find("boundary=")), b.substr(b.find("boundary=")));
}

TEST(MimeMessage, ValuesCannotAddHeaders) {
  MimeMessage m = sample();
  m.subject = "hi\r\nBcc: victim@example.com";
  m.to.name = "x\r\nBcc: victim@example.com";
  m.to.email = "a@example.com\r\nBcc: victim@example.com";
  m.thread_id = "<t@x>\r\nBcc: victim@example.com";
  m.ticket_number = "1\nBcc: victim@example.com";
  const std::string headers = headers_of(build_mime_message(m));
  EXPECT_EQ(headers.find("\r\nBcc:"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("\nBcc:"), std::string::npos) << headers;
}

TEST(MimeMessage, ChineseBodiesGoBase64AndAsciiBodiesQuotedPrintable) {
  MimeMessage m = sample();
  m.text = std::string(400, 'a');
  m.html = "您好，" + std::string(20, 'b');
  for (int i = 0; i < 50; ++i) m.html += "工单";
  const std::string bytes = build_mime_message(m);
  const auto text_at =
      bytes.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable");
  const auto html_at = bytes.find("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64");
  EXPECT_NE(text_at, std::string::npos);
  EXPECT_NE(html_at, std::string::npos);
  const auto parsed = testing::parse_mail(bytes);
  EXPECT_EQ(parsed.text, m.text + "\r\n");
  EXPECT_EQ(parsed.html, m.html);
  m.html = "工单\n工单\r\n工单";
  EXPECT_EQ(testing::parse_mail(build_mime_message(m)).html, "工单\r\n工单\r\n工单") << "CRLF in base64 too";
}

}  // namespace
}  // namespace gongdan::mail
