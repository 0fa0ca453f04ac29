#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace gongdan::jobs {

/// Runs one round of background work on its own thread, again and again: at once when the last
/// round did something (there may be more), after `idle` when it did nothing. stop() (or the
/// destructor) ends it after the round in progress.
///   jobs::PeriodicJob sender("outbox", 500ms, [&] { return delivery.deliver_due(); }, on_error);
class PeriodicJob {
 public:
  /// `round` returns how much it did; 0 means "idle, wait". An exception from it is reported to
  /// `on_error` with the job's name and the loop goes on after the idle wait.
  PeriodicJob(std::string name, std::chrono::milliseconds idle, std::function<int()> round,
              std::function<void(const std::string& name, const std::string& what)> on_error);
  ~PeriodicJob();
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

  /// Starts the next round now instead of at the end of the idle wait.
  void wake();
  void stop();

 private:
  void run();

  std::string name_;
  std::chrono::milliseconds idle_;
  std::function<int()> round_;
  std::function<void(const std::string&, const std::string&)> on_error_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;  // last: starts after every member above is ready
};

}  // namespace gongdan::jobs
