#include "storage/repositories/sql_mail_template_repository.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

domain::MailTemplate edited(domain::MailKind kind, domain::Locale locale, const std::string& subject,
                            core::Timestamp at) {
  return {kind, locale, subject, "Hello {{name}}", "<p>Hello {{name}}</p>", true, at};
}

TEST(SqlMailTemplateRepositoryTest, SavesReplacesAndResetsCustomizedTemplates) {
  TestDatabase t;
  auto& templates = t.db->mail_templates();
  const auto now = t.clock.now();
  EXPECT_TRUE(templates.customized().empty());
  ASSERT_TRUE(
      templates.save(edited(domain::MailKind::kAgentReply, domain::Locale::kEn, "Re: {{ticket.number}}", now)).ok());
  ASSERT_TRUE(templates.save(edited(domain::MailKind::kAgentReply, domain::Locale::kZhCn, "回复", now)).ok());
  ASSERT_TRUE(templates.save(edited(domain::MailKind::kAgentReply, domain::Locale::kEn, "New", now + 1min)).ok());

  auto list = templates.customized();
  ASSERT_EQ(list.size(), 2U);
  const auto& en = list[0].locale == domain::Locale::kEn ? list[0] : list[1];
  EXPECT_EQ(en.subject, "New");
  EXPECT_EQ(en.html, "<p>Hello {{name}}</p>");
  EXPECT_TRUE(en.customized);
  EXPECT_EQ(en.updated_at, now + 1min);

  ASSERT_TRUE(templates.reset(domain::MailKind::kAgentReply, domain::Locale::kEn).ok());
  list = templates.customized();
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].subject, "回复");
  const auto again = templates.reset(domain::MailKind::kAgentReply, domain::Locale::kEn);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
}

TEST(SqlMailTemplateRepositoryTest, ATemplateWithoutItsTimeIsRefused) {
  TestDatabase t;
  auto untimed = edited(domain::MailKind::kTestMail, domain::Locale::kEn, "Test", t.clock.now());
  untimed.updated_at.reset();
  EXPECT_EQ(t.db->mail_templates().save(untimed).error().code, core::ErrorCode::kInvalid);
}

}  // namespace
}  // namespace gongdan::storage
