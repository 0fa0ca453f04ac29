#include "jobs/periodic_job.hpp"

#include <exception>

namespace gongdan::jobs {

PeriodicJob::PeriodicJob(std::string name, std::chrono::milliseconds idle, std::function<int()> round,
                         std::function<void(const std::string&, const std::string&)> on_error)
    : name_(std::move(name)), idle_(idle), round_(std::move(round)), on_error_(std::move(on_error)), thread_([this] {
        run();
      }) {}

PeriodicJob::~PeriodicJob() { stop(); }

void PeriodicJob::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_one();
}

void PeriodicJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void PeriodicJob::run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      woken_ = false;
    }
    int done = 0;
    try {
      done = round_();
    } catch (const std::exception& e) {
      on_error_(name_, e.what());
    } catch (...) {
      on_error_(name_, "unknown exception");
    }
    if (done > 0) continue;
    std::unique_lock lock(mutex_);
    wakeup_.wait_for(lock, idle_, [this] { return stopping_ || woken_; });
  }
}

}  // namespace gongdan::jobs
