#include "http/markdown/markdown.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

TEST(Markdown, RendersCommonMark) {
  const std::string html = render_markdown("# 如何重置密码\n\n1. 打开**设置**\n2. [帮助](https://example.com/help)\n");
  EXPECT_NE(html.find("<h1>如何重置密码</h1>"), std::string::npos);
  EXPECT_NE(html.find("<strong>设置</strong>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://example.com/help\">"), std::string::npos);
}

TEST(Markdown, DropsRawHtmlAndScriptUrls) {
  const std::string html = render_markdown(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) "
      "<a href=\"#\" onclick=\"steal()\">y</a>\n\n![i](data:text/html;base64,PHNjcmlwdD4=)");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text/html"), std::string::npos) << html;
}

TEST(Markdown, EscapesText) { EXPECT_EQ(render_markdown("a < b & \"c\""), "<p>a &lt; b &amp; &quot;c&quot;</p>\n"); }

}  // namespace
}  // namespace gongdan::http
