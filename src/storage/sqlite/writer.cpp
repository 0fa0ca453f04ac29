#include "storage/sqlite/writer.hpp"

#include <string>

#include "storage/sqlite/sqlite_error.hpp"

namespace gongdan::storage::sqlite {

Writer::Writer(std::unique_ptr<Connection> connection, Options options)
    : connection_(std::move(connection)), options_(std::move(options)) {
  if (options_.max_batch == 0) options_.max_batch = 1;
  thread_ = std::thread([this] { loop(); });
  thread_id_ = thread_.get_id();
}

Writer::~Writer() { stop(); }

void Writer::stop() {
  std::lock_guard stop_lock(stop_mutex_);  // two concurrent stop() calls must not both join
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && std::this_thread::get_id() != thread_id_) thread_.join();
}

std::size_t Writer::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

std::size_t Writer::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

bool Writer::submit(std::unique_ptr<WriteJob> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void Writer::loop() {
  std::vector<std::unique_ptr<WriteJob>> batch;
  batch.reserve(options_.max_batch);
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      // Stopping still drains: every accepted job gets its answer.
      if (queue_.empty()) return;
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    in_batch_ = true;
    run_batch(batch);
    batch.clear();
  }
}

void Writer::batch_done(std::chrono::steady_clock::time_point started) {
  busy_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count();
  in_batch_ = false;
}

void Writer::run_batch(std::vector<std::unique_ptr<WriteJob>>& batch) {
  Connection& db = *connection_;
  // The batch's time is counted before its callers get their answers: whoever reads busy_time()
  // or working() after an answer sees the batch done.
  const auto started = std::chrono::steady_clock::now();
  try {
    db.run("BEGIN IMMEDIATE");
  } catch (const SqliteError& error) {
    report(error.what());
    batch_done(started);
    for (auto& job : batch) job->fail(to_core_error(error));
    return;
  }
  db.deferred().begin();
  try {
    for (auto& job : batch) {
      const DeferredRows::Mark mark = db.deferred().mark();
      db.run("SAVEPOINT job");
      if (job->execute(db)) {
        db.run("RELEASE job");
      } else if (db.in_transaction()) {
        db.run("ROLLBACK TO job");
        db.run("RELEASE job");
        db.deferred().roll_back_to(mark);
      }
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction on its own:
      // batch-mates that already ran lost their writes, so none of them may report success.
      if (!db.in_transaction()) throw SqliteError(1, "the transaction was rolled back by SQLite");
    }
    db.deferred().flush(db);
    db.run("COMMIT");
  } catch (const SqliteError& error) {
    db.deferred().discard();
    report(std::string("batch failed: ") + error.what());
    try {
      if (db.in_transaction()) db.exec("ROLLBACK");
    } catch (const SqliteError& rollback_error) {
      report(rollback_error.what());
    }
    const core::Error failure = core::Error::unavailable("Storage could not commit; try again.");
    batch_done(started);
    for (auto& job : batch) job->fail(failure);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    ++commits_;
  }
  batch_done(started);
  for (auto& job : batch) job->deliver();
}

void Writer::report(std::string_view what) noexcept {
  try {
    if (options_.on_error) options_.on_error(what);
  } catch (...) {  // a failing logger must not take the writer thread down
  }
}

}  // namespace gongdan::storage::sqlite
