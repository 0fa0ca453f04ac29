#include "http/json/json_body.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "http/json/json_scan.hpp"

namespace gongdan::http {
namespace {

std::vector<std::string> bad_fields(std::string_view text) { return scan_json(text, 32).invalid_utf8_fields; }

TEST(JsonScan, WellFormedTextHasNoBadFields) {
  const JsonScan scan = scan_json(R"({"a": [1, 2.5e3, true, null, {"b": "闪退"}], "c": "x\"y\\u"})", 32);
  EXPECT_TRUE(scan.well_formed);
  EXPECT_FALSE(scan.too_deep);
  EXPECT_TRUE(scan.invalid_utf8_fields.empty());
}

TEST(JsonScan, NamesTheFieldWhoseStringHoldsBadBytes) {
  EXPECT_EQ(bad_fields("{\"subject\": \"ok\", \"description\": \"bad \xFF here\"}"),
            std::vector<std::string>{"description"});
  EXPECT_EQ(bad_fields("{\"environment\": {\"os\": \"iOS \xC0\xAF\"}}"), std::vector<std::string>{"environment.os"});
  EXPECT_EQ(bad_fields("{\"files\": [\"a\", \"b\", \"\xED\xA0\x80\"]}"), std::vector<std::string>{"files[2]"});
  EXPECT_EQ(bad_fields("[{\"x\": \"\xF5\"}]"), std::vector<std::string>{"[0].x"});
  EXPECT_EQ(bad_fields("\"\xFF\""), std::vector<std::string>{""});
}

TEST(JsonScan, ListsEveryBadFieldAndBadKeysNameThemselves) {
  const auto fields = bad_fields("{\"subject\": \"\xFF\", \"guest\": {\"name\": \"\xFE\", \"k\xFF\": 1}}");
  EXPECT_EQ(fields, (std::vector<std::string>{"subject", "guest.name", "guest.k\xFF"}));
}

TEST(JsonScan, UnpairedSurrogateEscapesAreBadText) {
  EXPECT_EQ(bad_fields(R"({"a": "\ud800"})"), std::vector<std::string>{"a"});
  EXPECT_EQ(bad_fields(R"({"a": "\udc00x"})"), std::vector<std::string>{"a"});
  EXPECT_EQ(bad_fields(R"({"a": "\ud800\u0041"})"), std::vector<std::string>{"a"});
  EXPECT_TRUE(bad_fields(R"({"a": "\ud83d\ude00"})").empty());
}

TEST(JsonScan, StructuralErrorsAreNotWellFormed) {
  for (const char* text : {"", "{", "{\"a\":}", "{\"a\" 1}", "[1,]x", "{\"a\":\"unterminated}", "{\"a\":1,}",
                           "\"\x01\"", "{\"a\":\"\\q\"}", "{} {}"}) {
    EXPECT_FALSE(scan_json(text, 32).well_formed) << text;
  }
}

TEST(JsonScan, DeepNestingStopsAtTheLimit) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const JsonScan scan = scan_json(deep, 32);
  EXPECT_TRUE(scan.too_deep);
  EXPECT_FALSE(scan.well_formed);
  EXPECT_TRUE(scan_json(std::string(32, '[') + std::string(32, ']'), 32).well_formed);
  EXPECT_TRUE(scan_json(std::string(33, '[') + std::string(33, ']'), 32).too_deep);
}

TEST(JsonScan, ReportsABoundedNumberOfBadFields) {
  // 1 MiB of bad strings must not become a quarter of a million field errors.
  std::string text = "{\"files\": [";
  for (int i = 0; i < 100000; ++i) text += i == 0 ? "\"\xFF\"" : ",\"\xFF\"";
  text += "]}";
  const JsonScan scan = scan_json(text, 32);
  EXPECT_TRUE(scan.well_formed);
  ASSERT_EQ(scan.invalid_utf8_fields.size(), 20U);
  EXPECT_EQ(scan.invalid_utf8_fields.front(), "files[0]");
  EXPECT_EQ(scan.invalid_utf8_fields.back(), "files[19]");
}

TEST(JsonScan, ALongKeyIsNotCopiedForEveryArrayItem) {
  // Before: each item built its path "<key>[i]" as a fresh copy of the 512 KiB key, which made a
  // 1 MiB body cost ~100 GB of copying. Now the path is spelled out only for reported fields.
  const std::string key(512 * 1024, 'k');
  std::string text = "{\"" + key + "\": [1";
  for (int i = 0; i < 200000; ++i) text += ",1";
  text += ", \"\xFF\"]}";
  const auto start = std::chrono::steady_clock::now();
  const JsonScan scan = scan_json(text, 32);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(scan.well_formed);
  ASSERT_EQ(scan.invalid_utf8_fields.size(), 1U);
  EXPECT_EQ(scan.invalid_utf8_fields[0], key + "[200001]");
  EXPECT_LT(elapsed, std::chrono::seconds{3});
}

TEST(JsonScan, PathsOfNestedMembersAndItemsAreExact) {
  EXPECT_EQ(bad_fields("{\"a\": [{\"b\": \"x\"}, {\"b\": [\"y\", \"\xFF\"]}], \"c\": \"\xFF\"}"),
            (std::vector<std::string>{"a[1].b[1]", "c"}));
  EXPECT_EQ(bad_fields("{\"\": {\"a\": \"\xFF\"}}"), std::vector<std::string>{"a"});
}

TEST(ParseJsonObject, ReturnsTheObject) {
  auto parsed = parse_json_object(R"({"email": "a@example.com", "n": 1})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["email"], "a@example.com");
}

TEST(ParseJsonObject, MalformedOrNonObjectIsInvalidJson) {
  for (const char* text : {"{\"email\":", "[1,2]", "\"text\"", "42", "", "{\"a\": tru}", "{\"a\": 01}"}) {
    auto parsed = parse_json_object(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().reason, "invalid_json") << text;
    EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalid);
  }
}

TEST(ParseJsonObject, IllFormedUtf8IsAFieldError) {
  auto parsed = parse_json_object("{\"subject\": \"\xE9\x97\", \"description\": \"fine\"}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().reason, "validation_failed");
  ASSERT_EQ(parsed.error().fields.size(), 1u);
  EXPECT_EQ(parsed.error().fields[0].field, "subject");
  EXPECT_EQ(parsed.error().fields[0].code, "invalid_utf8");
}

TEST(ParseJsonObject, BadBytesOutsideStringsAreInvalidJson) {
  auto parsed = parse_json_object("{\"a\": 1}\xFF");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().reason, "invalid_json");
}

TEST(ParseJsonObject, TooDeepIsInvalidJson) {
  auto parsed = parse_json_object("{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().reason, "invalid_json");
}

}  // namespace
}  // namespace gongdan::http
