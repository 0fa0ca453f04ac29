#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "domain/mail/mail_template.hpp"

namespace gongdan::domain {
namespace {

const std::vector<Locale> kLocales{Locale::kZhCn, Locale::kEn};

// Every `{{#name}}` / `{{^name}}` has its `{{/name}}`, in order (the engine test renders them too).
bool sections_balanced(const std::string& text) {
  std::vector<std::string> open;
  static const std::regex tag(R"(\{\{([#^/])\s*([^}\s]+)\s*\}\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::string kind = (*it)[1];
    const std::string name = (*it)[2];
    if (kind == "/") {
      if (open.empty() || open.back() != name) return false;
      open.pop_back();
    } else {
      open.push_back(name);
    }
  }
  return open.empty();
}

TEST(DefaultTemplates, EveryKindAndLocaleHasAllThreeTexts) {
  for (MailKind kind : all_mail_kinds()) {
    for (Locale locale : kLocales) {
      SCOPED_TRACE(std::string(to_string(kind)) + " " + std::string(to_string(locale)));
      const MailTemplate t = default_template(kind, locale);
      EXPECT_EQ(t.kind, kind);
      EXPECT_EQ(t.locale, locale);
      EXPECT_FALSE(t.customized);
      EXPECT_FALSE(t.subject.empty());
      EXPECT_EQ(t.subject.find('\n'), std::string::npos);
      EXPECT_FALSE(t.text.empty());
      EXPECT_NE(t.html.find("max-width:600px"), std::string::npos);
      for (const std::string* text : {&t.subject, &t.text, &t.html}) {
        EXPECT_EQ(text->find("[["), std::string::npos) << "unexpanded shorthand in " << *text;
        EXPECT_TRUE(sections_balanced(*text)) << *text;
      }
      // Inline styles only and nothing fetched from elsewhere: clients block both.
      EXPECT_EQ(t.html.find("<style"), std::string::npos);
      EXPECT_EQ(t.html.find("<img"), std::string::npos);
      EXPECT_EQ(t.html.find("src="), std::string::npos);
      EXPECT_EQ(t.html.find("<p>"), std::string::npos);
    }
  }
}

TEST(DefaultTemplates, ChineseTextsAreChineseAndEnglishTextsAreNot) {
  for (MailKind kind : all_mail_kinds()) {
    const MailTemplate zh = default_template(kind, Locale::kZhCn);
    const MailTemplate en = default_template(kind, Locale::kEn);
    EXPECT_NE(zh.text.find("您好"), std::string::npos) << to_string(kind);
    EXPECT_NE(zh.html.find("lang=\"zh-CN\""), std::string::npos);
    EXPECT_NE(en.html.find("lang=\"en\""), std::string::npos);
    for (unsigned char c : en.text) EXPECT_LT(c, 0xE4) << to_string(kind);  // no CJK lead bytes
  }
}

TEST(DefaultTemplates, TicketMailSubjectsCarryTheNumberForThreading) {
  for (MailKind kind :
       {MailKind::kTicketConfirmation, MailKind::kAgentReply, MailKind::kStatusChanged, MailKind::kTicketLink}) {
    for (Locale locale : kLocales) {
      EXPECT_EQ(default_template(kind, locale).subject.rfind("[#{{ticket.number}}]", 0), 0u) << to_string(kind);
    }
  }
}

TEST(DefaultTemplates, OptionalValuesSitInSections) {
  const MailTemplate t = default_template(MailKind::kTicketConfirmation, Locale::kZhCn);
  EXPECT_NE(t.text.find("{{#reply_by}}"), std::string::npos);
  EXPECT_NE(t.html.find("{{#reply_by}}"), std::string::npos);
  EXPECT_NE(default_template(MailKind::kTicketList, Locale::kEn).text.find("{{#tickets}}"), std::string::npos);
}

}  // namespace
}  // namespace gongdan::domain
