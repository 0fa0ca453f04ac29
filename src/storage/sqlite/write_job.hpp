#pragma once

#include <exception>
#include <functional>
#include <future>
#include <optional>
#include <utility>

#include "core/result.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"

namespace gongdan::storage::sqlite {

/// Reports storage failures that cannot travel back as a value (or whose details must not).
using ErrorSink = std::function<void(std::string_view)>;

/// One unit of work for the writer thread. Its outcome is held back until the batch commits.
class WriteJob {
 public:
  virtual ~WriteJob() = default;
  /// Runs the work inside the caller's savepoint; false when it failed and must be rolled back.
  virtual bool execute(Connection& connection) noexcept = 0;
  /// Delivers the outcome of execute() to the waiting caller (after COMMIT).
  virtual void deliver() noexcept = 0;
  /// Delivers `error` instead, whatever execute() produced (the batch did not commit).
  virtual void fail(const core::Error& error) noexcept = 0;
};

/// A WriteJob producing core::Result<T>; the caller waits on future().
template <typename T>
class TypedWriteJob final : public WriteJob {
 public:
  using Work = std::function<core::Result<T>(Connection&)>;

  TypedWriteJob(Work work, ErrorSink sink) : work_(std::move(work)), sink_(std::move(sink)) {}

  std::future<core::Result<T>> future() { return promise_.get_future(); }

  bool execute(Connection& connection) noexcept override {
    try {
      outcome_.emplace(work_(connection));
    } catch (const SqliteError& error) {
      report(error.what());
      outcome_.emplace(to_core_error(error));
    } catch (const sql::DatabaseError& error) {  // work on the connection through ConnectionAdapter
      report(error.what());
      outcome_.emplace(sql::to_core_error(error));
    } catch (const std::exception& error) {
      report(error.what());
      outcome_.emplace(core::Error::unavailable("Storage failed; try again later."));
    } catch (...) {
      report("unknown exception in a write job");
      outcome_.emplace(core::Error::unavailable("Storage failed; try again later."));
    }
    return outcome_->ok();
  }

  void deliver() noexcept override {
    if (!outcome_) outcome_.emplace(core::Error::unavailable("The write was not run."));
    set(std::move(*outcome_));
  }

  void fail(const core::Error& error) noexcept override { set(core::Result<T>(error)); }

 private:
  void report(std::string_view what) noexcept {
    try {
      if (sink_) sink_(what);
    } catch (...) {  // a failing logger must not take the writer thread down
    }
  }
  void set(core::Result<T> result) noexcept {
    try {
      promise_.set_value(std::move(result));
    } catch (const std::future_error&) {  // already satisfied: nothing left to tell
    }
  }

  Work work_;
  ErrorSink sink_;
  std::optional<core::Result<T>> outcome_;
  std::promise<core::Result<T>> promise_;
};

}  // namespace gongdan::storage::sqlite
