#include "mail/inbound/header_text.hpp"

#include <gtest/gtest.h>

#include "mail/inbound/charset.hpp"

namespace gongdan::mail {
namespace {

TEST(HeaderText, EncodedWordsInChineseCharsets) {
  EXPECT_EQ(decode_header_text(" =?UTF-8?B?5bel5Y2V?="), "工单");
  EXPECT_EQ(decode_header_text("=?GB2312?B?uaS1pQ==?="), "工单");
  EXPECT_EQ(decode_header_text("=?gbk?Q?=B9=A4=B5=A5?="), "工单");
  EXPECT_EQ(decode_header_text("=?gb2312?B?zfWGtA==?="), "王喆");  // 喆 is GBK, not GB2312
  EXPECT_EQ(decode_header_text("=?big5?B?pHWz5g==?="), "工單");
  EXPECT_EQ(decode_header_text("=?utf-8*zh-CN?Q?=E5=B7=A5=E5=8D=95?="), "工单");
}

TEST(HeaderText, SpaceBetweenEncodedWordsVanishesSpaceAroundTextStays) {
  EXPECT_EQ(decode_header_text("=?utf-8?B?5bel?=\r\n =?utf-8?B?5Y2V?="), "工单");
  EXPECT_EQ(decode_header_text("Re: =?utf-8?Q?caf=C3=A9?= ok"), "Re: café ok");
  EXPECT_EQ(decode_header_text("a_b =?utf-8?Q?x_y?="), "a_b x y");
}

TEST(HeaderText, AMultiByteCharacterSplitAcrossTwoWordsIsJoinedBeforeDecoding) {
  // "工" is E5 B7 A5: the first word ends inside it.
  EXPECT_EQ(decode_header_text("=?utf-8?Q?=E5=B7?= =?utf-8?Q?=A5?="), "工");
}

TEST(HeaderText, RawEightBitIsUtf8WhenValidElseGb18030) {
  EXPECT_EQ(decode_header_text("工单"), "工单");
  EXPECT_EQ(decode_header_text("\xB9\xA4\xB5\xA5"), "工单");
}

TEST(HeaderText, BrokenWordsStayText) {
  EXPECT_EQ(decode_header_text("=?utf-8?X?abc?="), "=?utf-8?X?abc?=");
  EXPECT_EQ(decode_header_text("=?utf-8?B?abc"), "=?utf-8?B?abc");
  EXPECT_EQ(decode_header_text("=??B?abc?="), "=??B?abc?=");
}

TEST(HeaderText, HostileRepetitionStaysLinear) {
  // 400 KB of "=?" openings with one "?=" at the very end: quadratic scanning would never finish.
  std::string hostile;
  for (int i = 0; i < 50000; ++i) hostile += "=?a?B?x ";
  hostile += "?=";
  EXPECT_EQ(decode_header_text(hostile), hostile);
}

TEST(Charset, LabelsAreWidenedAndUnknownLabelsFallBack) {
  EXPECT_EQ(to_utf8("\xCD\xF5\x86\xB4", "gb2312"), "王喆");
  EXPECT_EQ(to_utf8("\xB9\xA4\xB5\xA5", "x-unknown-charset"), "工单");
  EXPECT_EQ(to_utf8("\xB9\xA4\xB5\xA5", "utf-8"), "工单");  // mislabelled GBK
  EXPECT_EQ(to_utf8("caf\xE9", "iso-8859-1"), "café");
  EXPECT_EQ(to_utf8("ok", ""), "ok");
}

TEST(Charset, NulBytesAreDropped) {
  EXPECT_EQ(to_utf8(std::string("a\0b", 3), "utf-8"), "ab");
  EXPECT_EQ(decode_header_text("=?utf-8?Q?a=00b?="), "ab");
}

TEST(Charset, UndecodableBytesBecomeReplacementCharacters) {
  EXPECT_EQ(to_utf8("a\xFF"
                    "b",
                    "big5"),
            "a\uFFFDb");
}

TEST(Base64, SkipsNoiseAndToleratesMissingPadding) {
  EXPECT_EQ(decode_base64("5bel\r\n5Y2V"), "工单");
  EXPECT_EQ(decode_base64("YWI"), "ab");
}

}  // namespace
}  // namespace gongdan::mail
