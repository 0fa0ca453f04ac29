#include "mail/inbound/quote_cutter.hpp"

#include <gtest/gtest.h>

namespace gongdan::mail {
namespace {

TEST(QuoteCutter, GmailAttributionOnOneLine) {
  EXPECT_EQ(cut_quoted_history("Thanks!\n\nOn Tue, Nov 25, 2026 at 10:00 AM Support <s@example.com> wrote:\n> old\n"),
            "Thanks!");
}

TEST(QuoteCutter, GmailAttributionWrappedOverTwoLines) {
  EXPECT_EQ(cut_quoted_history("Thanks!\n\nOn Tue, Nov 25, 2026 at 10:00 AM Support\n<s@example.com> wrote:\n\n> old"),
            "Thanks!");
}

TEST(QuoteCutter, ChineseAppleAndGmailAttributions) {
  EXPECT_EQ(cut_quoted_history("好的\n\n在 2026年11月25日 星期三 10:00，客服 <s@example.com> 写道：\n> 旧内容"),
            "好的");
  EXPECT_EQ(cut_quoted_history("好的\n\n客服 <s@example.com> 于2026年11月25日周三 10:00写道：\n> 旧内容"), "好的");
  EXPECT_EQ(cut_quoted_history("好的\n\n在 2026年11月25日 星期三 10:00，客服 <s@example.com>\n写道:\n> 旧内容"),
            "好的");
}

TEST(QuoteCutter, OutlookBlocksInEnglishAndChineseWithTheirRule) {
  EXPECT_EQ(cut_quoted_history("Fixed, thanks.\n\n________________________________\nFrom: Support <s@example.com>\n"
                               "Sent: Wednesday, November 25, 2026 10:00 AM\nTo: Bob\nSubject: Re: x\n\nold"),
            "Fixed, thanks.");
  EXPECT_EQ(
      cut_quoted_history("已解决。\n\n发件人: 客服 <s@example.com>\n发送时间: 2026年11月25日 10:00\n收件人: 李雷\n"
                         "主题: 状态更新\n\n旧内容"),
      "已解决。");
  EXPECT_EQ(cut_quoted_history("已解决。\n*发件人：* 客服\n*日期：* 2026年11月25日\n旧内容"), "已解决。");
}

TEST(QuoteCutter, AFromLineWithoutTheRestOfTheBlockIsText) {
  EXPECT_EQ(cut_quoted_history("From: my phone, the app crashes.\nIt started today."),
            "From: my phone, the app crashes.\nIt started today.");
}

TEST(QuoteCutter, OriginalMessageSeparators) {
  EXPECT_EQ(cut_quoted_history("ok\n-----Original Message-----\nFrom: x"), "ok");
  EXPECT_EQ(cut_quoted_history("好\n-----原始邮件-----\n发件人: x"), "好");
  EXPECT_EQ(cut_quoted_history("好\n------------------ 原始邮件 ------------------\n发件人: x"), "好");
  EXPECT_EQ(cut_quoted_history("好\n------------------&nbsp;Original&nbsp;------------------\nFrom: x"), "好");
  EXPECT_EQ(cut_quoted_history("好\n------------------\u00A0原始邮件\u00A0------------------\nFrom: x"), "好");
}

TEST(QuoteCutter, TrailingQuoteBlockGoesInterleavedQuotingStays) {
  EXPECT_EQ(cut_quoted_history("See below.\n\n> old line\n>\n> older line\n\n"), "See below.");
  EXPECT_EQ(cut_quoted_history("> Which version?\n3.2.1\n> Which phone?\nHuawei P60"),
            "> Which version?\n3.2.1\n> Which phone?\nHuawei P60");
}

TEST(QuoteCutter, SignatureDelimiter) {
  EXPECT_EQ(cut_quoted_history("It works now.\n\n-- \nBob\nACME Ltd."), "It works now.");
  EXPECT_EQ(cut_quoted_history("It works now.\r\n--\r\nBob"), "It works now.");
  EXPECT_EQ(cut_quoted_history("a -- b\n--- not a delimiter"), "a -- b\n--- not a delimiter");
}

TEST(QuoteCutter, TopQuotingWithoutNewTextKeepsTheWholeBody) {
  EXPECT_EQ(cut_quoted_history("\nOn Tue, Nov 25, 2026 Support wrote:\n> please reply\n\n"),
            "On Tue, Nov 25, 2026 Support wrote:\n> please reply");
  EXPECT_EQ(cut_quoted_history("> only a quote\n"), "> only a quote");
}

TEST(QuoteCutter, PlainTextWithoutMarkersIsOnlyTrimmed) {
  EXPECT_EQ(cut_quoted_history("\n\n在设置里找不到导出按钮。\n请问在哪里？  \n\n"),
            "在设置里找不到导出按钮。\n请问在哪里？");
  EXPECT_EQ(cut_quoted_history(""), "");
}

TEST(QuoteCutter, HostileRepetitionStaysLinear) {
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "From: x\nOn \n";
  EXPECT_EQ(cut_quoted_history(lines + "text"), lines + "text");
}

}  // namespace
}  // namespace gongdan::mail
