#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "domain/events/ticket_activity.hpp"

namespace gongdan::storage::postgres {

/// Carries committed ticket changes between the server processes that share one PostgreSQL
/// database (docs/postgres.md, "Several processes"), so that an agent's live workspace hears of a
/// ticket submitted through another process.
///
/// publish() hands the activity to this process's own publisher (the ActivityHub) at once and
/// queues it for `pg_notify` on the relay's connection; a second connection LISTENs and hands the
/// other processes' activities to the same local publisher. Neither blocks the caller: the writes
/// already committed, and live updates are a convenience on top of what the API returns. When a
/// connection drops (the database restarts), notifications sent meanwhile are lost, so once the
/// listener is back `resync` runs: the hub tells every browser to refetch.
///   postgres::ActivityRelay relay(url, origin_token, hub, [&hub] { hub.resync(); }, log);
///   tickets.set_activity_publisher(&relay);
class ActivityRelay final : public domain::ActivityPublisher {
 public:
  using Log = std::function<void(std::string_view)>;
  static constexpr const char* kChannel = "gongdan_events";
  /// Activities waiting to be sent beyond this are dropped (and logged): a database that is down
  /// for long must not grow the queue without bound.
  static constexpr std::size_t kMaxQueued = 10'000;

  /// Starts the sending and the listening thread (stopping sends what is queued, once); connects in the background (a
  /// database that is down at start-up delays live updates, not the server). `origin` tells this process's
  /// notifications apart from the others'.
  ActivityRelay(std::string url, std::string origin, domain::ActivityPublisher& local, std::function<void()> resync,
                Log log);
  ~ActivityRelay() override;
  ActivityRelay(const ActivityRelay&) = delete;
  ActivityRelay& operator=(const ActivityRelay&) = delete;

  void publish(const domain::TicketActivity& activity) override;

  /// True once the listener has LISTENed (tests wait for it before publishing elsewhere).
  bool listening() const;

 private:
  void send_loop();
  void listen_loop();
  /// Sleeps up to `pause`, or less when the relay stops; false when it stops.
  bool pause_unless_stopping(std::chrono::milliseconds pause);

  const std::string url_;
  const std::string origin_;
  domain::ActivityPublisher& local_;
  const std::function<void()> resync_;
  const Log log_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> outgoing_;  // encoded payloads
  std::size_t dropped_ = 0;
  bool stopping_ = false;
  bool listening_ = false;
  std::thread sender_;
  std::thread listener_;
};

}  // namespace gongdan::storage::postgres
