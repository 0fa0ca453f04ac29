#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http/response.hpp"
#include "http/server/net.hpp"
#include "http/server/server_state.hpp"

namespace gongdan::http {

/// One HTTP/1.1 connection: reads a request (header first, then a body limit chosen from the
/// header), hands it to the worker pool, writes the answer, and repeats while keep-alive holds.
/// It only moves bytes: every decision about a request is the RequestHandler's. An upgrade to a
/// WebSocket the LiveEndpoint admits is handed to a new WebSocketSession.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(SessionSocket&& socket, ServerState& state);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  void run();

 private:
  void read_header();
  void on_header(beast::error_code ec, std::size_t bytes);
  void read_body();
  void on_body(beast::error_code ec, std::size_t bytes);
  void dispatch();
  /// Asks the LiveEndpoint (on a worker) and hands the socket to a WebSocketSession, or refuses.
  void upgrade();
  /// Writes a response; `close` ends the connection after it, `drain` first reads and discards
  /// what the client is still sending (so that it sees the answer instead of a reset).
  void send(Response response, bool close, bool drain = false);
  void on_write(bool close, bool drain, int status, beast::error_code ec, std::size_t bytes);
  /// Answers a request that cannot be read (too large, malformed) and ends the connection.
  void refuse(int status, std::string code, std::string detail);
  void linger();
  void on_linger(beast::error_code ec, std::size_t bytes);
  void close();

  SessionStream stream_;
  beast::flat_buffer buffer_;
  ServerState& state_;
  std::string client_ip_;
  std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser_;
  std::optional<bhttp::request_parser<bhttp::string_body>> body_parser_;
  // An answer on its way: the bytes net::async_write reads until on_write.
  struct Outgoing {
    std::string head;
    std::string body;
  };
  std::shared_ptr<void> pending_write_;  // what is being written (an Outgoing, or the interim 100)

  // About the current request, for the access log and the response.
  std::string method_ = "-";
  std::string path_ = "-";
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  bool in_flight_ = false;  // counted in state_.in_flight until its answer is written
  std::chrono::steady_clock::time_point started_;

  std::array<char, std::size_t{16} * 1024> drain_buffer_{};
  std::uint64_t drained_ = 0;
};

}  // namespace gongdan::http
