#include "http/server/server.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/io_thread.hpp"
#include "http/server/limits.hpp"
#include "http/server/listener.hpp"
#include "http/server/net.hpp"
#include "http/server/server_state.hpp"

namespace gongdan::http {

struct Server::Impl {
  Impl(Config c, RequestHandler& handler, LiveEndpoint* live)
      : config(std::move(c)),
        workers(std::max<std::size_t>(config.worker_threads, 1)),
        state{handler, workers, live, config.trusted_proxies},
        contexts(make_contexts(config.io_threads)),
        ioc(*contexts.front()),
        tick_timer(ioc) {}

  // One io_context per I/O thread, each run by that thread alone (concurrency hint 1): a
  // connection's handlers never change threads and no two threads share an epoll set or its
  // lock. With one context run by two threads, every request woke the other thread at least
  // once (2.4 futex calls per lookup, strace -c). Connections are dealt out in turn.
  static std::vector<std::unique_ptr<net::io_context>> make_contexts(std::size_t threads) {
    std::vector<std::unique_ptr<net::io_context>> made;
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i)
      made.push_back(std::make_unique<net::io_context>(1));
    return made;
  }

  void schedule_tick() {
    tick_timer.expires_after(kLiveTickInterval);
    tick_timer.async_wait([this](beast::error_code ec) {
      if (ec) return;
      state.live->tick();
      schedule_tick();
    });
  }

  tcp::endpoint endpoint() {
    beast::error_code ec;
    const auto address = net::ip::make_address(config.host, ec);
    if (!ec) return {address, config.port};
    tcp::resolver resolver(ioc);
    const auto results = resolver.resolve(config.host, std::to_string(config.port));
    if (results.empty()) throw std::runtime_error("cannot resolve " + config.host);
    return *results.begin();
  }

  Config config;
  // Declaration order is destruction order reversed: the io_context goes first (its queued
  // handlers hold sessions, which use `state`), the worker pool is joined before either.
  net::thread_pool workers;
  ServerState state;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  net::io_context& ioc;  // the first context: listener, signals and the live tick run on it
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  std::optional<net::signal_set> signals;
  net::steady_timer tick_timer;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> io_threads;

  std::mutex mutex;
  std::condition_variable stop_requested_cv;
  bool stop_requested = false;
  bool stopped = false;
};

Server::Server(Config config, RequestHandler& handler, LiveEndpoint* live)
    : impl_(std::make_unique<Impl>(std::move(config), handler, live)) {}

Server::~Server() { stop(); }

void Server::stop_on_signals() {
  impl_->signals.emplace(impl_->ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received, stopping", signal);
    request_stop();
  });
}

std::uint16_t Server::start() {
  std::vector<net::io_context*> contexts;
  for (const auto& context : impl_->contexts) contexts.push_back(context.get());
  impl_->listener = std::make_shared<Listener>(impl_->ioc, std::move(contexts), impl_->endpoint(), impl_->state);
  impl_->listener->run();
  for (const auto& context : impl_->contexts) {
    impl_->guards.push_back(net::make_work_guard(*context));
    impl_->io_threads.emplace_back([&context = *context] {
      core::mark_io_thread();  // quick reads run here: pools keep resources for them (ADR 0004)
      context.run();
    });
  }
  if (impl_->state.live) impl_->schedule_tick();
  return impl_->listener->port();
}

void Server::wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->stop_requested_cv.wait(lock, [this] { return impl_->stop_requested; });
}

void Server::request_stop() {
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = true;
  }
  impl_->stop_requested_cv.notify_all();
}

void Server::stop() {
  {
    const std::lock_guard lock(impl_->mutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
  }
  request_stop();
  impl_->state.stopping = true;
  if (impl_->listener) impl_->listener->stop();
  if (impl_->signals) {
    net::post(impl_->ioc, [this] {
      beast::error_code ignored;
      impl_->signals->cancel(ignored);
    });
  }
  net::post(impl_->ioc, [this] { impl_->tick_timer.cancel(); });
  // Let requests in flight be answered (closing their connections afterwards).
  const auto deadline = std::chrono::steady_clock::now() + kShutdownGrace;
  while (impl_->state.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  if (impl_->state.in_flight.load() > 0) {
    spdlog::warn("stopping with {} requests unanswered", impl_->state.in_flight.load());
  }
  impl_->guards.clear();
  for (const auto& context : impl_->contexts) context->stop();
  for (std::thread& t : impl_->io_threads) t.join();
  impl_->io_threads.clear();
  impl_->workers.join();  // a handler blocked in the database finishes; its answer is dropped
}

}  // namespace gongdan::http
