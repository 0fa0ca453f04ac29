#include "http/handlers/attachment_handlers.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

TEST(ContentDisposition, AsciiFallbackAndUtf8Name) {
  EXPECT_EQ(content_disposition("report.pdf"), "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(content_disposition("截图 1.png"),
            "attachment; filename=\"______ 1.png\"; filename*=UTF-8''%E6%88%AA%E5%9B%BE%201.png");
}

TEST(ContentDisposition, QuotesBackslashesAndControlsCannotBreakOut) {
  const std::string header = content_disposition("a\"b\\c\r\nSet-Cookie: x=1.txt");
  EXPECT_EQ(header.find('\r'), std::string::npos);
  EXPECT_EQ(header.find('\n'), std::string::npos);
  EXPECT_EQ(header.substr(0, 40), "attachment; filename=\"a_b_c__Set-Cookie:");
  EXPECT_EQ(content_disposition(""), "attachment; filename=\"file\"; filename*=UTF-8''");
}

TEST(DownloadContentType, OnlyPassiveTypesKeepTheirType) {
  EXPECT_EQ(download_content_type("image/png"), "image/png");
  EXPECT_EQ(download_content_type("image/webp"), "image/webp");
  EXPECT_EQ(download_content_type("text/plain"), "text/plain");
  EXPECT_EQ(download_content_type("application/pdf"), "application/pdf");
  for (const char* active : {"image/svg+xml", "text/html", "application/xhtml+xml", "text/xml",
                             "application/javascript", "text/javascript", "application/x-executable", ""}) {
    EXPECT_EQ(download_content_type(active), "application/octet-stream") << active;
  }
}

}  // namespace
}  // namespace gongdan::http
