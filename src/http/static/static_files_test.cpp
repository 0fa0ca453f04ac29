#include "http/static/static_files.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

namespace gongdan::http {
namespace {

namespace fs = std::filesystem;

TEST(NormaliseStaticPath, DecodesAndDropsEmptyAndDotSegments) {
  EXPECT_EQ(normalise_static_path("/"), "");
  EXPECT_EQ(normalise_static_path("/assets/app-1a2b.js"), "assets/app-1a2b.js");
  EXPECT_EQ(normalise_static_path("//assets/./x.css"), "assets/x.css");
  EXPECT_EQ(normalise_static_path("/tickets/261125-7K3QZ8"), "tickets/261125-7K3QZ8");
  EXPECT_EQ(normalise_static_path("/%E5%B8%AE%E5%8A%A9"), "帮助");
}

TEST(NormaliseStaticPath, RefusesEverythingThatCouldLeaveTheRoot) {
  for (const char* path : {"/../etc/passwd", "/assets/../../secret", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd",
                           "/a/..%2f..%2fb", "/.env", "/.git/config", "/a%00.js", "/a%5c..%5cb", "/a\\b", "/%zz"}) {
    EXPECT_FALSE(normalise_static_path(path).has_value()) << path;
  }
}

TEST(StaticContentType, ByExtension) {
  EXPECT_EQ(static_content_type("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(static_content_type("assets/app.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(static_content_type("assets/app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(static_content_type("logo.svg"), "image/svg+xml");
  EXPECT_EQ(static_content_type("font.woff2"), "font/woff2");
  EXPECT_EQ(static_content_type("noext"), "application/octet-stream");
  EXPECT_EQ(static_content_type("dir.d/noext"), "application/octet-stream");
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("gongdan-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "web" / "assets");
    write(root_ / "web" / "index.html", "<!doctype html><title>工单</title>");
    write(root_ / "web" / "assets" / "app-1a2b.js", "console.log(1)");
    write(root_ / "web" / "favicon.ico", "ico");
    write(root_ / "secret.txt", "secret");
    fs::create_symlink(root_ / "secret.txt", root_ / "web" / "leak.txt");
  }
  void TearDown() override { fs::remove_all(root_); }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  const StaticFiles files(root_ / "web");
  const Response index = files.serve("/", "");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  EXPECT_NE(index.body.find("工单"), std::string::npos);

  const Response js = files.serve("/assets/app-1a2b.js", "");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(files.serve("/favicon.ico", "").header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, RevalidationAnswersNotModified) {
  const StaticFiles files(root_ / "web");
  const Response first = files.serve("/index.html", "");
  const std::string etag(first.header("ETag"));
  ASSERT_FALSE(etag.empty());
  const Response again = files.serve("/index.html", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(StaticFilesTest, ClientSideRoutesFallBackToIndex) {
  const StaticFiles files(root_ / "web");
  const Response route = files.serve("/tickets/261125-7K3QZ8", "");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("<title>"), std::string::npos);
  EXPECT_EQ(route.header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, MissingFilesTraversalAndSymlinksOutAreNotFound) {
  const StaticFiles files(root_ / "web");
  EXPECT_EQ(files.serve("/assets/missing.js", "").status, 404);
  EXPECT_EQ(files.serve("/assets/missing", "").status, 404);  // no SPA fallback inside /assets
  EXPECT_EQ(files.serve("/missing.png", "").status, 404);
  EXPECT_EQ(files.serve("/../secret.txt", "").status, 404);
  EXPECT_EQ(files.serve("/%2e%2e/secret.txt", "").status, 404);
  EXPECT_EQ(files.serve("/leak.txt", "").status, 404);
  EXPECT_EQ(files.serve("/assets", "").status, 404);  // a directory is not a page
}

TEST_F(StaticFilesTest, NoWebDirectoryMeansNotFound) {
  EXPECT_EQ(StaticFiles("").serve("/", "").status, 404);
  EXPECT_EQ(StaticFiles(root_ / "nope").serve("/", "").status, 404);
}

}  // namespace
}  // namespace gongdan::http
