#include "http/multipart/multipart.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string body_of(std::initializer_list<std::string> parts,
                    std::string_view boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW") {
  std::string body;
  for (const std::string& p : parts) body += "--" + std::string(boundary) + "\r\n" + p + "\r\n";
  body += "--" + std::string(boundary) + "--\r\n";
  return body;
}

TEST(MultipartBoundary, ReadsPlainAndQuotedBoundaries) {
  EXPECT_EQ(multipart_boundary(kType), "----WebKitFormBoundary7MA4YWxkTrZu0gW");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\""), "a b;c");
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=x"));
  EXPECT_FALSE(multipart_boundary("application/json"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"unterminated"));
  EXPECT_TRUE(is_multipart_form_data(" multipart/form-data ; boundary=x"));
  EXPECT_FALSE(is_multipart_form_data("multipart/form-datax"));
}

TEST(ParseMultipart, ReadsJsonPartAndFiles) {
  static constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0binary\r\n--not-the-boundary";
  const std::string png(kPng, sizeof kPng - 1);
  const std::string body = body_of({
      "Content-Disposition: form-data; name=\"ticket\"\r\n\r\n{\"subject\":\"闪退\"}",
      "Content-Disposition: form-data; name=\"files\"; filename=\"截图 1.png\"\r\nContent-Type: image/png\r\n\r\n" +
          png,
      "content-disposition: form-data; name=files; filename=\"\"\r\n\r\n",
  });
  auto parts = parse_multipart(body, kType);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "ticket");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[0].body, "{\"subject\":\"闪退\"}");
  EXPECT_EQ((*parts)[1].name, "files");
  EXPECT_EQ((*parts)[1].filename, "截图 1.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].body, png);
  EXPECT_EQ((*parts)[2].filename, "");
  EXPECT_EQ((*parts)[2].body, "");
}

TEST(ParseMultipart, AcceptsPreambleEpilogueAndTransportPadding) {
  const std::string body =
      "This is a preamble.\r\n--XyZ  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\nepilogue";
  auto parts = parse_multipart(body, "multipart/form-data; boundary=XyZ");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].body, "1");
}

TEST(ParseMultipart, QuotesArePercentEncodedAndBackslashesLiteral) {
  const std::string body = body_of({R"(Content-Disposition: form-data; name="files"; filename="a%22b\c.txt")"
                                    "\r\n\r\nx"});
  auto parts = parse_multipart(body, kType);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0].filename, "a%22b\\c.txt");
}

TEST(ParseMultipart, FilenameStarIsDecoded) {
  const std::string body =
      body_of({"Content-Disposition: form-data; name=\"files\"; filename*=UTF-8''%E6%97%A5%E5%BF%97.log\r\n\r\nx"});
  auto parts = parse_multipart(body, kType);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0].filename, "日志.log");
}

TEST(ParseMultipart, EmptyFormIsNoParts) {
  auto parts = parse_multipart("--XyZ--\r\n", "multipart/form-data; boundary=XyZ");
  ASSERT_TRUE(parts.ok());
  EXPECT_TRUE(parts->empty());
}

void expect_malformed(std::string_view body, std::string_view type = kType) {
  auto parts = parse_multipart(body, type);
  ASSERT_FALSE(parts.ok()) << body;
  EXPECT_EQ(parts.error().code, core::ErrorCode::kInvalid);
  EXPECT_EQ(parts.error().reason, "validation_failed");
  ASSERT_EQ(parts.error().fields.size(), 1u);
  EXPECT_EQ(parts.error().fields[0].field, "multipart");
}

TEST(ParseMultipart, TruncatedBodiesAreErrors) {
  const std::string full = body_of({"Content-Disposition: form-data; name=\"a\"\r\n\r\nvalue"});
  for (std::size_t cut = 0; cut + 4 < full.size(); ++cut) {
    // Every prefix that stops before the close delimiter is refused.
    expect_malformed(std::string_view(full).substr(0, cut));
  }
  EXPECT_TRUE(parse_multipart(full, kType).ok());
}

TEST(ParseMultipart, HostileInputsAreErrors) {
  expect_malformed("no boundary here");
  expect_malformed(body_of({"\r\nno headers, no name"}));
  expect_malformed(body_of({"Content-Type: text/plain\r\n\r\nno disposition"}));
  expect_malformed(body_of({"Content-Disposition: attachment; name=\"a\"\r\n\r\nx"}));
  expect_malformed(body_of({"Content-Disposition: form-data; filename=\"a\"\r\n\r\nx"}));
  expect_malformed(body_of({"Content-Disposition: form-data; name=\"\"\r\n\r\nx"}));
  expect_malformed(body_of({"Content-Disposition: form-data; name=\"a\r\n\r\nx"}));
  expect_malformed(body_of({"Content-Disposition: form-data;\r\n name=\"folded\"\r\n\r\nx"}));
  expect_malformed(
      body_of({"Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx"}));
  expect_malformed(body_of({"NoColonHere\r\n\r\nx"}));
  expect_malformed(body_of({"Content-Disposition: form-data; name=\"a\"; filename*=latin1''x\r\n\r\nx"}));
  expect_malformed("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZjunk\r\n",
                   "multipart/form-data; boundary=XyZ");
  expect_malformed("x", "multipart/form-data");
}

TEST(ParseMultipart, LimitsPartsHeaderSizeAndHeaderCount) {
  std::string many;
  for (int i = 0; i < 17; ++i) many += "--B\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nx\r\n";
  many += "--B--\r\n";
  auto too_many = parse_multipart(many, "multipart/form-data; boundary=B");
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().fields[0].field, "files");
  EXPECT_EQ(too_many.error().fields[0].code, "too_many");

  expect_malformed(
      body_of({"Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(9000, 'p') + "\r\n\r\nx"}));
  std::string headers = "Content-Disposition: form-data; name=\"a\"\r\n";
  for (int i = 0; i < 20; ++i) headers += "X-" + std::to_string(i) + ": 1\r\n";
  expect_malformed(body_of({headers + "\r\nx"}));
}

}  // namespace
}  // namespace gongdan::http
