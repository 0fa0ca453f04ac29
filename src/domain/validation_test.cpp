#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include "domain/tickets/attachment_policy.hpp"
#include "domain/users/auth_service.hpp"

namespace gongdan::domain {
namespace {

TEST(CheckText, CountsCodePointsNotBytes) {
  EXPECT_FALSE(check_text("subject", std::string(200 / 1, 'a'), 200));
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "闪";
  EXPECT_FALSE(check_text("subject", chinese, 200));
  EXPECT_EQ(check_text("subject", chinese + "退", 200)->code, "too_long");
}

TEST(CheckText, RequiredInvalidUtf8AndControls) {
  EXPECT_EQ(check_text("subject", "  \u3000 ", 10)->code, "required");
  EXPECT_FALSE(check_text("subject", "", 10, Presence::kOptional));
  EXPECT_EQ(check_text("subject", "\xC3\x28", 10)->code, "invalid_utf8");
  EXPECT_EQ(check_text("subject", "a\x01", 10)->code, "invalid");
  EXPECT_EQ(check_text("subject", "line\nbreak", 20)->code, "invalid");
  EXPECT_FALSE(check_text("description", "line\nbreak", 20, Presence::kRequired, true));
}

TEST(CheckEmail, AcceptsAddressesRejectsShapes) {
  EXPECT_FALSE(check_email("email", "li.lei@example.com"));
  EXPECT_FALSE(check_email("email", "wang+tag@mail.example.cn"));
  for (const char* bad : {"", "no-at", "@example.com", "a@b", "a@@b.com", "a b@c.com", "a@b.com."}) {
    EXPECT_TRUE(check_email("email", bad)) << bad;
  }
}

TEST(AttachmentPolicy, AllowsScreenshotsAndDocumentsOnly) {
  EXPECT_TRUE(is_allowed_attachment_type("image/png"));
  EXPECT_TRUE(is_allowed_attachment_type("application/pdf"));
  EXPECT_TRUE(is_allowed_attachment_type("text/plain"));
  EXPECT_FALSE(is_allowed_attachment_type("text/html"));
  EXPECT_FALSE(is_allowed_attachment_type("image/svg+xml"));
  EXPECT_FALSE(is_allowed_attachment_type("application/x-executable"));
}

TEST(AttachmentPolicy, FilenamesLoseTheirPath) {
  EXPECT_EQ(safe_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_filename("C:\\Users\\me\\截图.png"), "截图.png");
  EXPECT_EQ(safe_filename(".."), "file");
  EXPECT_EQ(safe_filename("a\r\nb\".png"), "ab.png");
}

}  // namespace
}  // namespace gongdan::domain
