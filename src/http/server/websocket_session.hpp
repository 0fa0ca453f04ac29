#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <string>

#include <boost/beast/websocket.hpp>

#include "http/server/live_endpoint.hpp"
#include "http/server/net.hpp"
#include "http/server/server_state.hpp"

namespace gongdan::http {

/// One WebSocket, taken over from an HttpSession whose upgrade request was admitted. It only
/// moves frames: text from the client goes to the LiveConnection on a worker strand (the next
/// frame is read once the previous one was handled), text for the client waits in a bounded
/// queue. Limits in limits.hpp.
class WebSocketSession final : public LiveSocket, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(SessionStream&& stream, ServerState& state, std::shared_ptr<LiveConnection> connection);
  ~WebSocketSession() override;
  WebSocketSession(const WebSocketSession&) = delete;
  WebSocketSession& operator=(const WebSocketSession&) = delete;

  /// Answers the upgrade (101) and starts reading.
  void run(const bhttp::request<bhttp::string_body>& upgrade);

  void send(std::string text) override;

 private:
  void on_accept(beast::error_code ec);
  void read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void enqueue(std::string text);
  void write_next();
  void on_write(beast::error_code ec, std::size_t bytes);
  /// Ends the connection at once (slow consumer, error) and tells the application, once.
  void abort();
  void finish();

  boost::beast::websocket::stream<SessionStream> ws_;
  ServerState& state_;
  std::shared_ptr<LiveConnection> connection_;
  net::strand<net::thread_pool::executor_type> worker_strand_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;  // front is being written while writing_
  bool writing_ = false;
  bool ended_ = false;
  std::atomic<bool> notified_closed_{false};
};

}  // namespace gongdan::http
