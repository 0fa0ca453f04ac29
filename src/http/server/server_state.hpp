#pragma once

#include <atomic>
#include <cstddef>

#include "http/server/live_endpoint.hpp"
#include "http/server/net.hpp"
#include "http/server/request_handler.hpp"

namespace gongdan::http {

/// What every session shares: the handler, the worker pool and the counters behind the limits.
struct ServerState {
  RequestHandler& handler;
  net::thread_pool& workers;
  LiveEndpoint* live = nullptr;              // takes WebSocket upgrades; none: they are ordinary requests
  std::vector<std::string> trusted_proxies;  // see Server::Config; never changes once serving
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> in_flight{0};  // requests read and not yet answered
  std::atomic<bool> stopping{false};      // finish what is in flight, then close
};

}  // namespace gongdan::http
