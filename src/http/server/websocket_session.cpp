#include "http/server/websocket_session.hpp"

#include <spdlog/spdlog.h>

#include "http/server/limits.hpp"

namespace gongdan::http {

namespace websocket = boost::beast::websocket;

WebSocketSession::WebSocketSession(SessionStream&& stream, ServerState& state,
                                   std::shared_ptr<LiveConnection> connection)
    : ws_(std::move(stream)),
      state_(state),
      connection_(std::move(connection)),
      worker_strand_(net::make_strand(state.workers)) {
  ++state_.connections;
}

WebSocketSession::~WebSocketSession() {
  // Also when the server stops and drops its queued handlers: the viewer must leave.
  if (!notified_closed_.exchange(true)) connection_->closed();
  --state_.connections;
}

void WebSocketSession::run(const bhttp::request<bhttp::string_body>& upgrade) {
  // The HTTP session's timer must not fire on the WebSocket: its own timeouts take over.
  beast::get_lowest_layer(ws_).expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = kLiveHandshakeTimeout;
  timeouts.idle_timeout = kLiveIdleTimeout;
  timeouts.keep_alive_pings = true;  // ping after half the idle time; no answer closes the socket
  ws_.set_option(timeouts);
  ws_.read_message_max(kMaxLiveFrameBytes);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(bhttp::field::cache_control, "no-store"); }));
  // Beast builds its 101 answer from the request before returning: the request need not outlive this.
  ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
}

void WebSocketSession::on_accept(beast::error_code ec) {
  if (ec) return finish();
  spdlog::info("GET /api/v1/ws 101");
  connection_->opened(weak_from_this());
  read();
}

void WebSocketSession::read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
}

void WebSocketSession::on_read(beast::error_code ec, std::size_t) {
  // Closed by the client, timed out, too large a frame (Beast closes with 1009), or reset.
  if (ec) return finish();
  if (!ws_.got_text()) {
    buffer_.consume(buffer_.size());
    enqueue(R"({"type":"error","code":"bad_message"})");
    return read();
  }
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  // The application may block (database): on a worker, one frame at a time, and the next frame
  // is read only after this one was handled, so a flooding client is held back by TCP.
  net::post(worker_strand_, [self = shared_from_this(), text = std::move(text)] {
    try {
      self->connection_->received(text);
    } catch (const std::exception& e) {
      spdlog::error("live frame: unexpected exception: {}", e.what());
    }
    net::post(self->ws_.get_executor(), [self] {
      if (!self->ended_) self->read();
    });
  });
}

void WebSocketSession::send(std::string text) {
  net::post(ws_.get_executor(),
            [self = shared_from_this(), text = std::move(text)]() mutable { self->enqueue(std::move(text)); });
}

void WebSocketSession::enqueue(std::string text) {
  if (ended_) return;
  if (queue_.size() >= kMaxLiveQueuedFrames) {
    spdlog::warn("closing a live connection that does not read its updates");
    return abort();
  }
  queue_.push_back(std::move(text));
  if (!writing_) write_next();
}

void WebSocketSession::write_next() {
  if (queue_.empty() || ended_) return;
  writing_ = true;
  ws_.text(true);
  ws_.async_write(net::buffer(queue_.front()),
                  beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
}

void WebSocketSession::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (ec) return finish();
  queue_.pop_front();
  write_next();
}

void WebSocketSession::abort() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).socket().close(ignored);
  finish();
}

void WebSocketSession::finish() {
  if (ended_) return;
  ended_ = true;  // the queue stays: a write in progress still uses its front
  // After any frame still being handled, in order.
  net::post(worker_strand_, [self = shared_from_this()] {
    if (!self->notified_closed_.exchange(true)) self->connection_->closed();
  });
}

}  // namespace gongdan::http
