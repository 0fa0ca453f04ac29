#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include <spdlog/sinks/base_sink.h>

namespace gongdan::logging {

/// Log lines for a file or a pipe, written the way nginx's `access_log … buffer= flush=` does:
/// lines gather in memory and go out in one write when `capacity` bytes have gathered, when
/// `interval` has passed, at a warning or worse (with every line before it, in order) and when the
/// sink is destroyed. One write per request was a tenth of a light request's cost (a syscall and a
/// flush under the logger's lock on the I/O thread); a line now waits at most `interval`.
/// A process killed with SIGKILL loses at most that much of its log.
class BufferedSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static constexpr std::chrono::milliseconds kDefaultInterval{100};
  static constexpr std::size_t kDefaultCapacity = std::size_t{32} * 1024;

  /// Writes to `fd`, which stays open and stays the caller's.
  explicit BufferedSink(int fd, std::chrono::milliseconds interval = kDefaultInterval,
                        std::size_t capacity = kDefaultCapacity);
  ~BufferedSink() override;
  BufferedSink(const BufferedSink&) = delete;
  BufferedSink& operator=(const BufferedSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

 private:
  void flush_periodically();

  int fd_;
  std::chrono::milliseconds interval_;
  std::size_t capacity_;
  spdlog::memory_buf_t pending_;  // guarded by base_sink's mutex_

  std::mutex timer_mutex_;
  std::condition_variable timer_;
  bool stopping_ = false;
  std::thread flusher_;
};

/// Makes the default logger write standard output through a BufferedSink when standard output is
/// not a terminal (a service's log file or pipe); a terminal keeps spdlog's coloured lines.
void buffer_stdout_log_unless_terminal();

}  // namespace gongdan::logging
