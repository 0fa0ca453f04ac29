#include "http/server/response_head.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

constexpr std::string_view kDefaultCsp =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'\r\n";
constexpr std::string_view kFixed =
    "X-Content-Type-Options: nosniff\r\nReferrer-Policy: same-origin\r\nX-Frame-Options: DENY\r\n";

TEST(ResponseHead, WritesTheStatusLineTheHandlersHeadersTheSecurityHeadersAndTheLength) {
  Response response = text_response(200, "你好");
  response.add("Set-Cookie", "a=1");
  response.add("Set-Cookie", "b=2");
  EXPECT_EQ(response_head(response, {11, true, response.body.size()}),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n" +
                std::string(kDefaultCsp) + std::string(kFixed) + "Content-Length: 6\r\n\r\n");
}

TEST(ResponseHead, SaysCloseOnHttp11AndKeepAliveOnHttp10OnlyWhenItDiffersFromTheDefault) {
  const Response response = no_content();
  const std::string common = std::string(kDefaultCsp) + std::string(kFixed);
  EXPECT_EQ(response_head(response, {11, true, std::nullopt}), "HTTP/1.1 204 No Content\r\n" + common + "\r\n");
  EXPECT_EQ(response_head(response, {11, false, std::nullopt}),
            "HTTP/1.1 204 No Content\r\n" + common + "Connection: close\r\n\r\n");
  EXPECT_EQ(response_head(response, {10, true, std::nullopt}),
            "HTTP/1.0 204 No Content\r\n" + common + "Connection: keep-alive\r\n\r\n");
  EXPECT_EQ(response_head(response, {10, false, std::nullopt}), "HTTP/1.0 204 No Content\r\n" + common + "\r\n");
}

TEST(ResponseHead, KeepsAHandlersConnectionTokensAndPolicyButNotItsFramingOrTheFixedHeaders) {
  Response response;
  response.status = 426;
  response.set("Connection", "Upgrade");
  response.set("Content-Security-Policy", "sandbox");
  response.set("X-Frame-Options", "SAMEORIGIN");
  response.set("Content-Length", "999");
  response.set("Transfer-Encoding", "chunked");
  const std::string head = response_head(response, {11, false, 0});
  EXPECT_EQ(head, "HTTP/1.1 426 Upgrade Required\r\nContent-Security-Policy: sandbox\r\n" + std::string(kFixed) +
                      "Connection: Upgrade, close\r\nContent-Length: 0\r\n\r\n");
}

TEST(ResponseHead, LeavesOutAHeaderThatWouldSplitTheHeaderBlock) {
  Response response;
  response.set("Location", "/ok\r\nSet-Cookie: stolen=1");
  response.set("X-Bad\nName", "v");
  response.set("X-Nul", std::string("a\0b", 3));
  response.set("X-Good", "yes");
  const std::string head = response_head(response, {11, true, 0});
  EXPECT_EQ(head.find("stolen"), std::string::npos);
  EXPECT_EQ(head.find("X-Bad"), std::string::npos);
  EXPECT_EQ(head.find("X-Nul"), std::string::npos);
  EXPECT_NE(head.find("X-Good: yes\r\n"), std::string::npos);
}

TEST(ResponseHead, LeavesOutANameThatIsNoToken) {
  Response response;
  response.set("X-Forged: evil", "1");
  response.set("", "empty name");
  response.set("X-Ok_1", "yes");
  const std::string head = response_head(response, {11, true, 0});
  EXPECT_EQ(head.find("evil"), std::string::npos);
  EXPECT_EQ(head.find("empty name"), std::string::npos);
  EXPECT_NE(head.find("\r\nX-Ok_1: yes\r\n"), std::string::npos);
}

TEST(ResponseHead, TheFramingAloneSaysCloseOrKeepAlive) {
  Response response;
  response.add("Connection", "close, Upgrade");
  response.add("Connection", " keep-alive ,  x-other ");
  EXPECT_NE(response_head(response, {11, true, 0}).find("\r\nConnection: Upgrade, x-other\r\n"), std::string::npos)
      << "a kept-alive answer never says close";
  const std::string closing = response_head(response, {11, false, 0});
  EXPECT_NE(closing.find("\r\nConnection: Upgrade, x-other, close\r\n"), std::string::npos);
  Response plain;
  plain.set("Connection", "close");
  EXPECT_EQ(response_head(plain, {11, true, 0}).find("Connection"), std::string::npos);
}

TEST(ResponseHead, AnEmptyPolicyGetsTheDefaultOne) {
  Response response;
  response.set("Content-Security-Policy", "");
  const std::string head = response_head(response, {11, true, 0});
  EXPECT_NE(head.find(kDefaultCsp), std::string::npos);
  EXPECT_EQ(head.find("Content-Security-Policy: \r\n"), std::string::npos);
}

TEST(ResponseHead, GivesAStatusWithoutAKnownNameAnEmptyReasonPhrase) {
  Response response;
  response.status = 555;
  EXPECT_TRUE(response_head(response, {11, true, 0}).starts_with("HTTP/1.1 555 \r\n"));
}

}  // namespace
}  // namespace gongdan::http
