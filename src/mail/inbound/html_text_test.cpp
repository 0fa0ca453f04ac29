#include "mail/inbound/html_text.hpp"

#include <gtest/gtest.h>

namespace gongdan::mail {
namespace {

TEST(HtmlText, BreaksAtBrAndBlockElements) {
  EXPECT_EQ(html_to_text("<div>第一行</div><div>第二行<br>第三行</div><p>段落</p>"), "第一行\n第二行\n第三行\n\n段落");
}

TEST(HtmlText, SourceLineBreaksAndRunsOfSpacesCollapse) {
  EXPECT_EQ(html_to_text("<p>one\n   two\t three</p>"), "one two three");
}

TEST(HtmlText, EntitiesAreDecoded) {
  EXPECT_EQ(html_to_text("a&nbsp;&amp;&lt;b&gt; &quot;c&quot; &#20013;&#x6587; &mdash; &bogus; &"),
            "a &<b> \"c\" 中文 \u2014 &bogus; &");
}

TEST(HtmlText, ScriptStyleHeadAndCommentsVanish) {
  EXPECT_EQ(html_to_text("<html><head><title>t</title><style>p{color:red}</style></head><body><!-- c -->"
                         "<script>alert(1)</script>正文</body></html>"),
            "正文");
}

TEST(HtmlText, AtMostOneBlankLineInARow) { EXPECT_EQ(html_to_text("a<br><br><br><br>b"), "a\n\nb"); }

TEST(HtmlText, UnterminatedTagsAndEntitiesDoNotCrash) {
  EXPECT_EQ(html_to_text("text <b"), "text");
  EXPECT_EQ(html_to_text("&#99999999999999;x"), "\uFFFDx");
  EXPECT_EQ(html_to_text("<!-- never closed"), "");
}

TEST(HtmlText, HostileRepetitionStaysLinear) {
  const std::string ampersands(500'000, '&');
  EXPECT_EQ(html_to_text(ampersands), ampersands);
  const std::string openings(500'000, '<');
  EXPECT_EQ(html_to_text(openings), "");
}

}  // namespace
}  // namespace gongdan::mail
