#include "storage/repositories/sql_mail_settings_repository.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

TEST(SqlMailSettingsRepositoryTest, SavedSettingsLoadAsSaved) {
  TestDatabase t;
  EXPECT_FALSE(t.db->mail_settings().load().has_value());
  domain::MailSettings settings;
  settings.smtp = {"smtps://mail.example.com:465", "support", "s3cret", true, "help@example.com", "工单客服"};
  settings.imap = {"imaps://mail.example.com/INBOX", "support", "imap-pw", 30};
  ASSERT_TRUE(t.db->mail_settings().save(settings).ok());
  settings.smtp.from_name = "Gongdan";
  t.clock.advance(1min);
  ASSERT_TRUE(t.db->mail_settings().save(settings).ok());

  const auto loaded = t.db->mail_settings().load();
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->smtp.url, "smtps://mail.example.com:465");
  EXPECT_EQ(loaded->smtp.password, "s3cret");
  EXPECT_TRUE(loaded->smtp.require_tls);
  EXPECT_EQ(loaded->smtp.from_email, "help@example.com");
  EXPECT_EQ(loaded->smtp.from_name, "Gongdan");
  EXPECT_EQ(loaded->imap.url, "imaps://mail.example.com/INBOX");
  EXPECT_EQ(loaded->imap.password, "imap-pw");
  EXPECT_EQ(loaded->imap.poll_seconds, 30);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM settings"), 1);
  EXPECT_EQ(t.count("SELECT updated_at FROM settings WHERE key = 'mail'"), core::to_epoch_ms(t.clock.now()));
}

TEST(SqlMailSettingsRepositoryTest, FieldsMissingFromTheStoredValueKeepTheirDefaults) {
  TestDatabase t;
  auto written = t.db->store().write([](sql::Connection& db) -> core::Status {
    db.exec(R"(INSERT INTO settings (key, value, updated_at) VALUES ('mail', '{"smtp": {"url": "smtp://x:25"}}', 0))");
    return core::ok_status();
  });
  ASSERT_TRUE(written.ok());
  const auto loaded = t.db->mail_settings().load();
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->smtp.url, "smtp://x:25");
  EXPECT_EQ(loaded->smtp.from_email, domain::SmtpSettings{}.from_email);
  EXPECT_EQ(loaded->imap.poll_seconds, 60);
}

TEST(SqlMailSettingsRepositoryTest, AnUnreadableValueLoadsAsNothingSaved) {
  TestDatabase t;
  auto written = t.db->store().write([](sql::Connection& db) -> core::Status {
    db.exec("INSERT INTO settings (key, value, updated_at) VALUES ('mail', 'not json', 0)");
    return core::ok_status();
  });
  ASSERT_TRUE(written.ok());
  EXPECT_FALSE(t.db->mail_settings().load().has_value());
  EXPECT_FALSE(t.errors.empty());
}

}  // namespace
}  // namespace gongdan::storage
