#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "http/server/net.hpp"
#include "http/server/server_state.hpp"

namespace gongdan::http {

/// Accepts connections and starts an HttpSession for each, on the next of the I/O threads'
/// io_contexts in turn (each is run by one thread, so a session needs no strand).
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  /// Binds and listens; throws boost::system::system_error when the address is taken or invalid.
  Listener(net::io_context& ioc, std::vector<net::io_context*> sessions, const tcp::endpoint& endpoint,
           ServerState& state);

  std::uint16_t port() const;
  /// Starts accepting; call before the io_context runs on any thread.
  void run();
  /// Stops accepting; established connections are left alone.
  void stop();

 private:
  void accept();
  void close();
  void on_accept(beast::error_code ec, SessionSocket socket);

  std::vector<net::io_context*> sessions_;
  std::size_t next_ = 0;
  net::strand<net::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  ServerState& state_;
};

}  // namespace gongdan::http
