#include <cstdio>
#include <exception>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "http/application.hpp"
#include "http/realtime/live_gate.hpp"
#include "http/server.hpp"
#include "http/server/server.hpp"

namespace gongdan::http {

int run_server(const ServerOptions& options, Services& services) {
  const core::SystemClock clock;
  Application application(services, options, clock);
  std::optional<LiveGate> live;
  if (services.live) live.emplace(services, *services.live);
  Server server({options.host, options.port, options.io_threads, options.worker_threads, options.trusted_proxies},
                application, live ? &*live : nullptr);
  try {
    server.stop_on_signals();
    const std::uint16_t port = server.start();
    const bool v6 = options.host.find(':') != std::string::npos;
    fmt::print("listening on http://{}{}{}:{}\n", v6 ? "[" : "", options.host, v6 ? "]" : "", port);
    std::fflush(stdout);
    server.wait();
    server.stop();
    spdlog::info("stopped");
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("cannot serve on {}:{}: {}", options.host, options.port, e.what());
    return 1;
  }
}

}  // namespace gongdan::http
