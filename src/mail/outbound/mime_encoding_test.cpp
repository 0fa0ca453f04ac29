#include "mail/outbound/mime_encoding.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "mail/outbound/testing/parsed_mail.hpp"

namespace gongdan::mail {
namespace {

std::vector<std::string> split_crlf(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  lines.push_back(text.substr(start));
  return lines;
}

bool has_bare_cr_or_lf(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return true;
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) return true;
  }
  return false;
}

int hex_value(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

// A strict decoder for what encode_quoted_printable writes, per physical line.
std::string decode_qp_line(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '=') {
      out += line[i];
    } else if (i + 1 == line.size()) {
      break;  // soft line break
    } else {
      out += static_cast<char>(hex_value(line[i + 1]) * 16 + hex_value(line[i + 2]));
      i += 2;
    }
  }
  return out;
}

std::string decode_qp(const std::string& encoded) {
  std::string out;
  const auto lines = split_crlf(encoded);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    out += decode_qp_line(lines[i]);
    if (lines[i].empty() || lines[i].back() != '=') out += "\r\n";
  }
  return out;
}

std::string repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST(MimeEncoding, QuotedPrintableKeepsLinesShortAndCharactersWhole) {
  const std::string text = repeat("您好，您的工单已收到。我们会尽快处理 = ok\t", 12) + "\n第二行 \n" + repeat("x", 200);
  const std::string encoded = encode_quoted_printable(text);
  EXPECT_FALSE(has_bare_cr_or_lf(encoded));
  const auto lines = split_crlf(encoded);
  ASSERT_TRUE(lines.back().empty());  // ends with CRLF
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), kMaxEncodedLine) << line;
    // Each physical line decodes to whole characters: no UTF-8 sequence spans a soft break.
    EXPECT_TRUE(core::is_valid_utf8(decode_qp_line(line))) << line;
    if (!line.empty()) {
      EXPECT_NE(line.back(), ' ') << "trailing whitespace is lost in transport";
    }
  }
  std::string expected = text;
  std::string crlf;
  for (char c : expected) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(decode_qp(encoded), crlf + "\r\n");
}

TEST(MimeEncoding, QuotedPrintableNormalisesLineEndings) {
  EXPECT_EQ(encode_quoted_printable("a\r\nb\nc\rd"), "a\r\nb\r\nc\r\nd\r\n");
  EXPECT_EQ(encode_quoted_printable("end \n"), "end=20\r\n");
  EXPECT_EQ(encode_quoted_printable("a=b"), "a=3Db\r\n");
  EXPECT_EQ(encode_quoted_printable("\n\n"), "\r\n\r\n");
  EXPECT_EQ(encode_quoted_printable(""), "");
}

TEST(MimeEncoding, Base64LinesAreAtMost76) {
  const std::string encoded = encode_base64_lines(repeat("工单", 100));
  EXPECT_FALSE(has_bare_cr_or_lf(encoded));
  for (const auto& line : split_crlf(encoded)) EXPECT_LE(line.size(), kMaxEncodedLine);
  EXPECT_EQ(encode_base64_lines("Man"), "TWFu\r\n");
  EXPECT_EQ(encode_base64_lines("Ma"), "TWE=\r\n");
  EXPECT_EQ(encode_base64_lines("M"), "TQ==\r\n");
}

TEST(MimeEncoding, LongChineseSubjectFoldsIntoWholeCharacterWordsAndRoundTrips) {
  const std::string subject =
      "[#261125-7QK3MX] "
      "我们已收到您的工单：登录后消息列表一直转圈，重新安装应用以后仍然无法收到新的群聊消息，请尽快处理😀";
  const std::string header = fold_unstructured_header("Subject", subject);
  EXPECT_FALSE(has_bare_cr_or_lf(header));
  const auto lines = split_crlf(header);
  EXPECT_GT(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_LE(line.size(), kMaxEncodedLine) << line;
  ASSERT_EQ(header.rfind("Subject: =?UTF-8?B?", 0), 0u);
  // Every encoded-word decodes to whole characters on its own.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string word = i == 0 ? lines[i].substr(9) : lines[i].substr(1);
    EXPECT_TRUE(core::is_valid_utf8(testing::decode_header_text(word))) << word;
    // Only the last word may end in base64 padding (see append_encoded_words).
    if (i + 1 < lines.size()) {
      EXPECT_FALSE(word.ends_with("=?=")) << word;
    }
  }
  std::string unfolded = header.substr(9);
  for (auto at = unfolded.find("\r\n"); at != std::string::npos; at = unfolded.find("\r\n")) unfolded.erase(at, 2);
  EXPECT_EQ(testing::decode_header_text(unfolded), subject);
}

// Mixed one- to four-byte characters hit every cut the encoder can choose; GMime must read back
// exactly what went in, from lines of at most 76 characters.
TEST(MimeEncoding, MixedScriptSubjectsRoundTripThroughGMime) {
  const std::vector<std::string> pieces{"a", " ", "Z9", "é", "ß", "工", "单", "。", "😀", "?", "=", "_", "\"", "] "};
  std::mt19937 random(20261125);
  for (int round = 0; round < 200; ++round) {
    std::string subject = "x";
    const int length = static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) subject += pieces[random() % pieces.size()];
    subject += "y";
    subject = sanitize_header_text(subject);  // runs of spaces become one
    const std::string header = fold_unstructured_header("Subject", subject);
    for (const auto& line : split_crlf(header)) ASSERT_LE(line.size(), kMaxEncodedLine) << line;
    const auto parsed = testing::parse_mail("MIME-Version: 1.0\r\n" + header + "\r\n\r\nbody\r\n");
    ASSERT_EQ(parsed.subject, subject) << header;
    const auto to = format_address_header("To", subject, "a@example.com");
    ASSERT_EQ(testing::parse_mail(to + "\r\n\r\nbody\r\n").to_name, subject) << to;
  }
}

TEST(MimeEncoding, AsciiSubjectsStayReadableAndFoldAtSpaces) {
  EXPECT_EQ(fold_unstructured_header("Subject", "Your ticket"), "Subject: Your ticket");
  const std::string long_subject = repeat("word ", 30) + "end";
  const std::string header = fold_unstructured_header("Subject", long_subject);
  EXPECT_EQ(header.find("=?"), std::string::npos);
  for (const auto& line : split_crlf(header)) EXPECT_LE(line.size(), kMaxEncodedLine);
  std::string unfolded = header;
  for (auto at = unfolded.find("\r\n"); at != std::string::npos; at = unfolded.find("\r\n")) unfolded.erase(at, 2);
  EXPECT_EQ(unfolded, "Subject: " + long_subject);
  // Text that looks like an encoded-word is encoded, so that decoders do not reinterpret it.
  EXPECT_EQ(testing::decode_header_text(fold_unstructured_header("Subject", "=?x?=").substr(9)), "=?x?=");
}

TEST(MimeEncoding, HeaderInjectionIsStripped) {
  const std::string header = fold_unstructured_header("Subject", "Hello\r\nBcc: victim@example.com\n\rX: y");
  EXPECT_EQ(header, "Subject: Hello Bcc: victim@example.com X: y");
  EXPECT_EQ(sanitize_header_text(" a \r\n\t b\x01"), "a b");
  const std::string from = format_address_header("From", "客服\r\nBcc: x@y", "support@example.com\r\nBcc: z@y");
  EXPECT_EQ(from.find("\r\nBcc"), std::string::npos);
  EXPECT_FALSE(has_bare_cr_or_lf(from));
}

TEST(MimeEncoding, AddressHeadersEncodeChineseNamesAndQuoteAsciiOnes) {
  EXPECT_EQ(format_address_header("To", "", "a@example.com"), "To: <a@example.com>");
  EXPECT_EQ(format_address_header("To", "Li \"Lee\" Wei", "a@example.com"),
            "To: \"Li \\\"Lee\\\" Wei\" <a@example.com>");
  const std::string header = format_address_header("From", "工单客服中心", "support@example.com");
  EXPECT_EQ(header,
            "From: =?UTF-8?B?"
            "5bel5Y2V5a6i5pyN5Lit5b+D"
            "?= <support@example.com>");
  const std::string long_name = repeat("北京某某网络科技有限公司", 4);
  const std::string folded = format_address_header("To", long_name, "someone.with.a.long.address@example.com");
  for (const auto& line : split_crlf(folded)) EXPECT_LE(line.size(), kMaxEncodedLine) << line;
  const std::string mail = "MIME-Version: 1.0\r\n" + folded + "\r\nSubject: x\r\n\r\nbody\r\n";
  const auto parsed = testing::parse_mail(mail);
  EXPECT_EQ(parsed.to_name, long_name);
  EXPECT_EQ(parsed.to_email, "someone.with.a.long.address@example.com");
}

TEST(MimeEncoding, Rfc5322DateInUtc) {
  EXPECT_EQ(format_rfc5322_date(core::from_epoch_ms(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(format_rfc5322_date(*core::parse_rfc3339("2026-11-25T21:46:41.789Z")), "Wed, 25 Nov 2026 21:46:41 +0000");
}

TEST(MimeEncoding, PlausibleAddresses) {
  EXPECT_TRUE(is_plausible_address("li.wei@example.com"));
  EXPECT_TRUE(is_plausible_address("用户@例子.中国"));
  for (std::string_view bad :
       {"", "no-at", "@example.com", "a@", "a@b@c", "a b@c", "a@b\r\nRCPT TO:<x@y>", "<a@b>", "a@b\n"}) {
    EXPECT_FALSE(is_plausible_address(bad)) << bad;
  }
}

}  // namespace
}  // namespace gongdan::mail
