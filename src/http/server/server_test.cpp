#include "http/server/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "http/error_mapping.hpp"

namespace gongdan::http {
namespace {

using namespace std::chrono_literals;

/// Answers with what it received; `/slow` sleeps first, `/big` answers 100 KB; `/quick` is a
/// quick read (RequestHandler::quick).
class EchoHandler final : public RequestHandler {
 public:
  bool quick(const Request& request) const noexcept override { return request.target == "/quick"; }
  Response handle(Request& request) noexcept override {
    ++calls;
    if (request.target == "/slow") std::this_thread::sleep_for(300ms);
    if (request.target == "/big") return text_response(200, std::string(100'000, 'x'));
    if (request.target == "/none") return no_content();
    return text_response(200, request.method + " " + request.target + " " + std::to_string(request.body.size()) + " " +
                                  std::string(request.header("x-test")) + " " + request.client_ip);
  }
  std::atomic<int> calls{0};
};

/// A blocking client socket with a receive timeout.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  /// One response: status line and headers, then Content-Length bytes of body ("" on EOF).
  std::string response(bool expect_body = true) {
    while (buffer_.find("\r\n\r\n") == std::string::npos) {
      if (!fill()) return std::exchange(buffer_, {});
    }
    const auto header_end = buffer_.find("\r\n\r\n") + 4;
    std::size_t length = 0;
    const std::string head = lower(buffer_.substr(0, header_end));
    if (const auto pos = head.find("content-length: "); pos != std::string::npos && expect_body) {
      length = std::stoul(head.substr(pos + 16));
    }
    while (buffer_.size() < header_end + length) {
      if (!fill()) break;
    }
    std::string out = buffer_.substr(0, header_end + length);
    buffer_.erase(0, out.size());
    return out;
  }

  /// True when the server closed the connection (EOF before any further byte).
  bool closed_by_server() {
    if (!buffer_.empty()) return false;
    return !fill();
  }

 private:
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  bool fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { port_ = server_.start(); }
  void TearDown() override { server_.stop(); }

  EchoHandler handler_;
  Server server_{{"127.0.0.1", 0, 2, 4}, handler_};
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, AnswersOnTheActualPortWithSecurityHeadersAndKeepsAlive) {
  ASSERT_NE(port_, 0);
  Client client(port_);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send("GET /a?x=1 HTTP/1.1\r\nHost: t\r\nX-Test: one\r\n\r\n"));
  const std::string first = client.response();
  EXPECT_EQ(first.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(first.find("GET /a?x=1 0 one 127.0.0.1"), std::string::npos) << first;
  EXPECT_NE(first.find("Content-Security-Policy: default-src 'self'; script-src 'self'"), std::string::npos);
  EXPECT_NE(first.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(first.find("Referrer-Policy: same-origin"), std::string::npos);
  EXPECT_NE(first.find("X-Frame-Options: DENY"), std::string::npos);

  ASSERT_TRUE(
      client.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));
  EXPECT_NE(client.response().find("POST /b 2 "), std::string::npos);
  EXPECT_EQ(handler_.calls.load(), 2);
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  Client client(port_);
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  EXPECT_NE(client.response().find("Connection: close"), std::string::npos);
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, HeadGetsTheLengthWithoutTheBody) {
  Client client(port_);
  ASSERT_TRUE(client.send("HEAD /big HTTP/1.1\r\nHost: t\r\n\r\n"));
  const std::string head = client.response(/*expect_body=*/false);
  EXPECT_NE(head.find("Content-Length: 100000"), std::string::npos) << head;
  ASSERT_TRUE(client.send("GET /none HTTP/1.1\r\nHost: t\r\n\r\n"));
  const std::string none = client.response();
  EXPECT_EQ(none.substr(0, 12), "HTTP/1.1 204");  // nothing of the HEAD body came first
  EXPECT_EQ(none.find("Content-Length"), std::string::npos);
}

TEST_F(ServerTest, JsonBodiesOverOneMebibyteAre413AndNeverReachTheHandler) {
  Client client(port_);
  ASSERT_TRUE(
      client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1048577\r\n\r\n"));
  (void)client.send(std::string(std::size_t{64} * 1024, ' '));
  const std::string response = client.response();
  EXPECT_EQ(response.substr(0, 12), "HTTP/1.1 413");
  EXPECT_NE(response.find("application/problem+json"), std::string::npos);
  EXPECT_NE(response.find("\"code\":\"payload_too_large\""), std::string::npos);
  EXPECT_EQ(handler_.calls.load(), 0);
}

TEST_F(ServerTest, ChunkedBodiesOverTheLimitAre413) {
  Client client(port_);
  ASSERT_TRUE(client.send(
      "POST /x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "100000\r\n" + std::string(0x100000, 'a') + "\r\n";
  (void)client.send(chunk);
  (void)client.send(chunk);
  EXPECT_EQ(client.response().substr(0, 12), "HTTP/1.1 413");
  EXPECT_EQ(handler_.calls.load(), 0);
}

TEST_F(ServerTest, MultipartBodiesMayBeLarger) {
  Client client(port_);
  const std::string body(std::size_t{3} * 1024 * 1024, 'z');
  ASSERT_TRUE(
      client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=B\r\n"
                  "Content-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n"));
  ASSERT_TRUE(client.send(body));
  EXPECT_NE(client.response().find("POST /upload 3145728"), std::string::npos);
  Client over(port_);
  ASSERT_TRUE(
      over.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=B\r\n"
                "Content-Length: 200000000\r\n\r\n"));
  EXPECT_EQ(over.response().substr(0, 12), "HTTP/1.1 413");
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  Client client(port_);
  ASSERT_TRUE(
      client.send("POST /c HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                  "Expect: 100-continue\r\n\r\n"));
  EXPECT_EQ(client.response(false).substr(0, 12), "HTTP/1.1 100");
  ASSERT_TRUE(client.send("{}"));
  EXPECT_NE(client.response().find("POST /c 2"), std::string::npos);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  Client client(port_);
  ASSERT_TRUE(
      client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(std::size_t{17} * 1024, 'h') + "\r\n\r\n"));
  EXPECT_EQ(client.response().substr(0, 12), "HTTP/1.1 431");
  EXPECT_EQ(handler_.calls.load(), 0);
}

TEST_F(ServerTest, GarbageIs400) {
  Client client(port_);
  ASSERT_TRUE(client.send("THIS IS NOT HTTP\r\n\r\n"));
  const std::string response = client.response();
  EXPECT_EQ(response.substr(0, 12), "HTTP/1.1 400");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, StopLetsRequestsInFlightFinish) {
  Client client(port_);
  ASSERT_TRUE(client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(100ms);  // the handler is running
  auto stopping = std::async(std::launch::async, [this] { server_.stop(); });
  const std::string response = client.response();
  EXPECT_EQ(response.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
  stopping.get();
  Client late(port_);
  EXPECT_FALSE(late.connected());
}

// With its one worker asleep in /slow, the server still answers a quick read at once: it runs on
// the I/O thread, not behind the worker.
TEST(ServerQuickReads, RunOnTheIoThreadWhileEveryWorkerIsBusy) {
  EchoHandler handler;
  Server server({"127.0.0.1", 0, 1, 1}, handler);
  const std::uint16_t port = server.start();
  Client slow(port);
  ASSERT_TRUE(slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(50ms);  // the worker is asleep
  Client quick(port);
  Client other(port);
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_TRUE(quick.send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n"));
  const std::string answer = quick.response();
  const auto waited = std::chrono::steady_clock::now() - sent;
  EXPECT_NE(answer.find("GET /quick 0"), std::string::npos) << answer;
  EXPECT_LT(waited, 200ms) << "the quick read waited for the worker";
  // Anything else still goes to the worker, after /slow.
  ASSERT_TRUE(other.send("GET /other HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_NE(other.response().find("GET /other 0"), std::string::npos);
  EXPECT_GE(std::chrono::steady_clock::now() - sent, 200ms) << "/other ran beside /slow on one worker";
  EXPECT_EQ(slow.response().substr(0, 15), "HTTP/1.1 200 OK");
  server.stop();
}

TEST(ServerWait, RequestStopWakesTheWaiter) {
  EchoHandler handler;
  Server server({"127.0.0.1", 0, 1, 1}, handler);
  (void)server.start();
  auto waiter = std::async(std::launch::async, [&] { server.wait(); });
  EXPECT_EQ(waiter.wait_for(50ms), std::future_status::timeout);
  server.request_stop();
  EXPECT_EQ(waiter.wait_for(2s), std::future_status::ready);
  server.stop();
}

TEST(ServerBind, AnAddressInUseThrows) {
  EchoHandler handler;
  Server first({"127.0.0.1", 0, 1, 1}, handler);
  const std::uint16_t port = first.start();
  Server second({"127.0.0.1", port, 1, 1}, handler);
  EXPECT_ANY_THROW((void)second.start());
}

}  // namespace
}  // namespace gongdan::http
