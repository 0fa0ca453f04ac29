#include "storage/postgres/activity_relay.hpp"

#include <exception>
#include <memory>
#include <optional>
#include <vector>

#include "storage/postgres/activity_payload.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/listener.hpp"

namespace gongdan::storage::postgres {
namespace {

constexpr std::chrono::milliseconds kReconnectPause{1000};
constexpr std::chrono::milliseconds kListenTimeout{250};  // how soon the listener notices a stop

}  // namespace

ActivityRelay::ActivityRelay(std::string url, std::string origin, domain::ActivityPublisher& local,
                             std::function<void()> resync, Log log)
    : url_(std::move(url)),
      origin_(std::move(origin)),
      local_(local),
      resync_(std::move(resync)),
      log_(std::move(log)),
      sender_([this] { send_loop(); }),
      listener_([this] { listen_loop(); }) {}

ActivityRelay::~ActivityRelay() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  sender_.join();
  listener_.join();
}

void ActivityRelay::publish(const domain::TicketActivity& activity) {
  local_.publish(activity);
  std::string payload = encode_activity(origin_, activity);
  {
    std::lock_guard lock(mutex_);
    if (outgoing_.size() >= kMaxQueued) {
      ++dropped_;
      return;
    }
    outgoing_.push_back(std::move(payload));
  }
  changed_.notify_all();
}

bool ActivityRelay::listening() const {
  std::lock_guard lock(mutex_);
  return listening_;
}

bool ActivityRelay::pause_unless_stopping(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, pause, [this] { return stopping_; });
}

void ActivityRelay::send_loop() {
  std::unique_ptr<Connection> db;
  for (;;) {
    std::vector<std::string> batch;
    std::size_t dropped = 0;
    bool last = false;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !outgoing_.empty(); });
      // Stopping: one last try for what is queued (a one-shot command such as `mail-in` stops
      // right after its change), then go.
      last = stopping_;
      if (last && outgoing_.empty()) return;
      batch.assign(std::make_move_iterator(outgoing_.begin()), std::make_move_iterator(outgoing_.end()));
      outgoing_.clear();
      std::swap(dropped, dropped_);
    }
    if (dropped > 0)
      log_("live relay: " + std::to_string(dropped) + " ticket changes were not sent to other processes");
    std::size_t sent = 0;
    try {
      if (!db) db = std::make_unique<Connection>(url_);
      // One transaction for the batch: one round trip to commit, and PostgreSQL delivers the
      // notifications together, in order.
      db->run("BEGIN");
      for (const auto& payload : batch) notify(*db, kChannel, payload);
      db->run("COMMIT");
      sent = batch.size();
    } catch (const std::exception& error) {
      log_(std::string("live relay: cannot notify other processes: ") + error.what());
      db.reset();
    }
    if (last) return;
    if (sent < batch.size()) {
      // The database is away: keep what fits for the next try, oldest first, and wait a little.
      {
        std::lock_guard lock(mutex_);
        for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
          if (outgoing_.size() >= kMaxQueued) {
            ++dropped_;
          } else {
            outgoing_.push_front(std::move(*it));
          }
        }
      }
      if (!pause_unless_stopping(kReconnectPause)) return;
    }
  }
}

void ActivityRelay::listen_loop() {
  bool lost = false;  // a connection broke: what was sent meanwhile is gone
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    try {
      Listener listener(url_, {kChannel});
      {
        std::lock_guard lock(mutex_);
        listening_ = true;
      }
      if (lost && resync_) resync_();
      lost = false;
      for (;;) {
        {
          std::lock_guard lock(mutex_);
          if (stopping_) return;
        }
        for (const auto& notification : listener.wait(kListenTimeout)) {
          const auto received = decode_activity(notification.payload);
          if (!received || received->origin == origin_) continue;  // not ours to relay, or our own
          local_.publish(received->activity);
        }
      }
    } catch (const std::exception& error) {
      {
        std::lock_guard lock(mutex_);
        listening_ = false;
      }
      log_(std::string("live relay: not listening to other processes: ") + error.what());
      lost = true;
      if (!pause_unless_stopping(kReconnectPause)) return;
    }
  }
}

}  // namespace gongdan::storage::postgres
