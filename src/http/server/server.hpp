#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/server/live_endpoint.hpp"
#include "http/server/request_handler.hpp"

namespace gongdan::http {

/// The network side of the HTTP server: a listener and its sessions on `io_threads` threads,
/// handlers on a pool of `worker_threads`. No Beast in this header (the pimpl keeps it out).
class Server {
 public:
  struct Config {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::size_t io_threads = 2;
    std::size_t worker_threads = 32;
    /// Peers (a reverse proxy such as nginx) whose `X-Real-IP` names the client: rate limits
    /// count that address instead of the proxy's. From anyone else the header is ignored.
    std::vector<std::string> trusted_proxies = {};
  };

  /// With `live`, WebSocket upgrades it handles are admitted by it and it is ticked every second.
  Server(Config config, RequestHandler& handler, LiveEndpoint* live = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// From now on SIGINT and SIGTERM request a stop instead of killing the process.
  void stop_on_signals();
  /// Binds, listens and starts the threads; returns the bound port (the real one for port 0).
  /// Throws std::exception (e.g. address in use).
  std::uint16_t start();
  /// Blocks until a stop is requested (by a signal or request_stop()).
  void wait();
  void request_stop();
  /// Stops accepting, lets requests in flight finish (within a grace period), then stops the
  /// threads. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongdan::http
