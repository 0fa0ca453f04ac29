#include "mail/outbound/mustache_template_engine.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/mail/mail_template.hpp"

namespace gongdan::mail {
namespace {

using domain::MailKind;
using domain::MailValues;

// Every value docs/mail.md lists, as the use cases fill them in.
MailValues sample_values() {
  MailValues v;
  v.values = {
      {"customer.name", "王小明"},
      {"ticket.number", "261125-7QK3MX"},
      {"ticket.subject", "登录后消息列表一直转圈"},
      {"ticket.status", "等待您的回复"},
      {"ticket.summary", "从昨天开始，登录后消息列表一直转圈，重装也没用。"},
      {"reply_by", "2026年11月26日 18:00"},
      {"reply.body", "您好，请先退出登录，再重新登录一次。\n如仍有问题请告诉我们。"},
      {"reply.author", "李娜"},
      {"link", "http://127.0.0.1:8080/tickets/261125-7QK3MX#link=abc&def"},
      {"link_days", "30"},
      {"site.name", "工单"},
      {"site.url", "http://127.0.0.1:8080"},
      {"support.email", "support@example.com"},
  };
  v.tickets = {
      {{"number", "261125-7QK3MX"},
       {"subject", "登录转圈"},
       {"status", "处理中"},
       {"updated", "2026-11-25 18:00"},
       {"link", "http://127.0.0.1:8080/tickets/261125-7QK3MX#link=a"}},
      {{"number", "261120-ABCDE5"},
       {"subject", "<script>x</script>"},
       {"status", "已解决"},
       {"updated", "2026-11-20"},
       {"link", "http://127.0.0.1:8080/tickets/261120-ABCDE5#link=b"}},
  };
  return v;
}

TEST(MustacheTemplateEngine, EveryShippedTemplateRendersInBothLanguages) {
  const MustacheTemplateEngine engine;
  const MailValues values = sample_values();
  for (MailKind kind : domain::all_mail_kinds()) {
    for (domain::Locale locale : {domain::Locale::kZhCn, domain::Locale::kEn}) {
      SCOPED_TRACE(std::string(to_string(kind)) + " " + std::string(to_string(locale)));
      const domain::MailTemplate t = domain::default_template(kind, locale);
      for (const auto& [field, text] : {std::pair{"subject", &t.subject}, {"text", &t.text}, {"html", &t.html}}) {
        EXPECT_TRUE(engine.check(field, *text).ok()) << field;
      }
      const std::string subject = engine.render(t.subject, values, false);
      const std::string text = engine.render(t.text, values, false);
      const std::string html = engine.render(t.html, values, true);
      for (const std::string* out : {&subject, &text, &html}) {
        EXPECT_EQ(out->find("{{"), std::string::npos) << *out;
        EXPECT_EQ(out->find("}}"), std::string::npos) << *out;
      }
      EXPECT_EQ(html.find("<script>"), std::string::npos);
      if (kind != MailKind::kTestMail && kind != MailKind::kTicketList) {
        EXPECT_NE(text.find(locale == domain::Locale::kZhCn ? "王小明，您好" : "Hello 王小明,"), std::string::npos);
      }
    }
  }
}

TEST(MustacheTemplateEngine, ShippedTextsCarryTheirValues) {
  const MustacheTemplateEngine engine;
  const MailValues values = sample_values();
  const auto confirmation = domain::default_template(MailKind::kTicketConfirmation, domain::Locale::kZhCn);
  const std::string text = engine.render(confirmation.text, values, false);
  EXPECT_NE(text.find("工单编号：261125-7QK3MX"), std::string::npos) << text;
  EXPECT_NE(text.find("预计回复：2026年11月26日 18:00 前"), std::string::npos) << text;
  EXPECT_NE(text.find("http://127.0.0.1:8080/tickets/261125-7QK3MX#link=abc&def"), std::string::npos);
  EXPECT_NE(text.find("30 天内有效"), std::string::npos);
  EXPECT_EQ(engine.render(confirmation.subject, values, false),
            "[#261125-7QK3MX] 我们已收到您的工单：登录后消息列表一直转圈");
  const std::string html = engine.render(confirmation.html, values, true);
  EXPECT_NE(html.find("href=\"http://127.0.0.1:8080/tickets/261125-7QK3MX#link=abc&amp;def\""), std::string::npos);

  const auto list = domain::default_template(MailKind::kTicketList, domain::Locale::kEn);
  const std::string list_text = engine.render(list.text, values, false);
  EXPECT_NE(list_text.find("#261125-7QK3MX  登录转圈\nStatus: 处理中"), std::string::npos) << list_text;
  EXPECT_NE(list_text.find("#261120-ABCDE5  <script>x</script>"), std::string::npos) << list_text;
  const std::string list_html = engine.render(list.html, values, true);
  EXPECT_NE(list_html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
}

TEST(MustacheTemplateEngine, EmptyValuesHideTheirSectionsAndGreetingFallsBack) {
  const MustacheTemplateEngine engine;
  MailValues values = sample_values();
  values.values["reply_by"] = "";
  values.values["customer.name"] = "";
  const auto t = domain::default_template(MailKind::kTicketConfirmation, domain::Locale::kZhCn);
  const std::string text = engine.render(t.text, values, false);
  EXPECT_EQ(text.find("预计回复"), std::string::npos) << text;
  EXPECT_EQ(text.rfind("您好：\n", 0), 0u) << text;
  EXPECT_EQ(engine.render(t.html, values, true).find("预计回复"), std::string::npos);
}

TEST(MustacheTemplateEngine, HtmlModeEscapesValuesTextModeDoesNot) {
  const MustacheTemplateEngine engine;
  MailValues values;
  values.values["ticket.subject"] = "<script>alert('x')</script> & \"y\"";
  EXPECT_EQ(engine.render("{{ticket.subject}}", values, true),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
  EXPECT_EQ(engine.render("{{ticket.subject}}", values, false), values.values["ticket.subject"]);
  // Triple braces do not bypass the escaping: values are escaped before rendering.
  EXPECT_EQ(engine.render("{{{ticket.subject}}}", values, true).find('<'), std::string::npos);
}

TEST(MustacheTemplateEngine, DottedNamesNestAndListsRepeat) {
  const MustacheTemplateEngine engine;
  MailValues values;
  values.values = {{"a.b.c", "deep"}, {"a", "shadowed"}, {"top", "T"}};
  values.tickets = {{{"number", "1"}}, {{"number", "2"}}};
  EXPECT_EQ(engine.render("{{a.b.c}}|{{#tickets}}{{number}}{{top}},{{/tickets}}|{{missing}}", values, false),
            "deep|1T,2T,|");
  EXPECT_EQ(engine.render("{{#tickets}}x{{/tickets}}{{^tickets}}none{{/tickets}}", MailValues{}, false), "none");
}

TEST(MustacheTemplateEngine, UnclosedSectionIsATemplateSyntaxError) {
  const MustacheTemplateEngine engine;
  const core::Status status = engine.check("text", "Hello {{#a}} world");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalid);
  ASSERT_EQ(status.error().fields.size(), 1u);
  EXPECT_EQ(status.error().fields[0].field, "text");
  EXPECT_EQ(status.error().fields[0].code, "template_syntax");
  EXPECT_NE(status.error().fields[0].message.find("a"), std::string::npos) << status.error().fields[0].message;
  EXPECT_FALSE(engine.check("subject", "{{/b}}").ok());
  EXPECT_FALSE(engine.check("html", "{{unclosed").ok());
  EXPECT_TRUE(engine.check("html", "plain text").ok());
  // Rendering such a text gives the text back rather than half a mail.
  EXPECT_EQ(engine.render("Hello {{#a}} world", MailValues{}, false), "Hello {{#a}} world");
}

}  // namespace
}  // namespace gongdan::mail
