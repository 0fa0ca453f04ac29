#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/result.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/write_job.hpp"

namespace gongdan::storage::sqlite {

/// The single writer: one thread owns the write connection and commits whatever is queued in one
/// transaction (group commit), one SAVEPOINT per job so a failing job leaves no trace. A caller's
/// run() returns only after COMMIT, so success means durable.
class Writer {
 public:
  struct Options {
    std::size_t max_batch = 256;  // jobs per transaction: bounds the latency one commit adds
    ErrorSink on_error;
  };

  Writer(std::unique_ptr<Connection> connection, Options options);
  /// Drains the queue, then stops.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// Runs `work(connection)` in the next batch and waits for the commit. `work` returns a
  /// core::Result<T>; an error (or an exception) rolls back everything it wrote.
  /// Never call run() from inside a job: the writer would wait for itself.
  template <typename F>
  auto run(F&& work) -> std::invoke_result_t<F&, Connection&> {
    using R = std::invoke_result_t<F&, Connection&>;
    using T = std::remove_cvref_t<decltype(std::declval<R&>().value())>;
    static_assert(std::is_same_v<R, core::Result<T>>, "a write job returns core::Result<T>");
    if (std::this_thread::get_id() == thread_id_) {
      return core::Error::unavailable("A write job may not wait for another write job.");
    }
    auto job = std::make_unique<TypedWriteJob<T>>(std::forward<F>(work), options_.on_error);
    auto future = job->future();
    if (!submit(std::move(job))) return core::Error::unavailable("Storage is shutting down.");
    return future.get();
  }

  /// Stops accepting jobs, finishes the queued ones and joins the thread. Idempotent.
  void stop();

  /// Transactions committed so far (each may hold many jobs); for tests and metrics.
  std::size_t commits() const;
  /// Jobs waiting for the next batch; for tests and metrics.
  std::size_t pending() const;
  /// Time spent running batches so far (jobs, commit and fsync): how busy the writer is, for
  /// upkeep that should run only when it is not (SqliteEngine::tidy_search_index).
  std::chrono::nanoseconds busy_time() const { return std::chrono::nanoseconds{busy_ns_.load()}; }
  /// A batch is running or jobs are waiting for one.
  bool working() const { return in_batch_.load() || pending() > 0; }

 private:
  bool submit(std::unique_ptr<WriteJob> job);
  void loop();
  void run_batch(std::vector<std::unique_ptr<WriteJob>>& batch);
  /// Counts a batch's time in busy_time() and clears working()'s flag.
  void batch_done(std::chrono::steady_clock::time_point started);
  void report(std::string_view what) noexcept;

  std::unique_ptr<Connection> connection_;
  Options options_;
  std::mutex stop_mutex_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<WriteJob>> queue_;
  bool stopping_ = false;
  std::size_t commits_ = 0;
  std::atomic<std::int64_t> busy_ns_{0};
  std::atomic<bool> in_batch_{false};
  std::thread thread_;  // started in the constructor body, after everything above exists
  std::thread::id thread_id_;
};

}  // namespace gongdan::storage::sqlite
