#include "http/server/listener.hpp"

#include <spdlog/spdlog.h>

#include "http/server/http_session.hpp"
#include "http/server/limits.hpp"

namespace gongdan::http {

Listener::Listener(net::io_context& ioc, std::vector<net::io_context*> sessions, const tcp::endpoint& endpoint,
                   ServerState& state)
    : sessions_(std::move(sessions)),
      strand_(net::make_strand(ioc)),
      acceptor_(strand_),
      retry_timer_(strand_),
      state_(state) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

std::uint16_t Listener::port() const { return acceptor_.local_endpoint().port(); }

void Listener::run() {
  // Called before any thread runs the io_context, so nothing else touches the acceptor yet.
  accept();
}

void Listener::stop() {
  net::dispatch(acceptor_.get_executor(), beast::bind_front_handler(&Listener::close, shared_from_this()));
}

void Listener::close() {
  beast::error_code ignored;
  acceptor_.close(ignored);
  retry_timer_.cancel();
}

void Listener::accept() {
  net::io_context& next = *sessions_[next_++ % sessions_.size()];
  acceptor_.async_accept(next.get_executor(), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, SessionSocket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Typically out of file descriptors: back off instead of spinning on the error.
    spdlog::warn("accept failed: {}", ec.message());
    retry_timer_.expires_after(std::chrono::milliseconds{100});
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->accept();
    });
    return;
  }
  if (state_.connections.load() >= kMaxConnections) {
    beast::error_code ignored;
    socket.close(ignored);
  } else {
    std::make_shared<HttpSession>(std::move(socket), state_)->run();
  }
  accept();
}

}  // namespace gongdan::http
