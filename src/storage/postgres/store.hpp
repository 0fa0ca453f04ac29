#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#include "core/result.hpp"
#include "storage/postgres/connection_pool.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/database_error.hpp"

namespace gongdan::storage::postgres {

/// Reports storage failures that cannot travel back as a value (or whose details must not).
using ErrorSink = std::function<void(std::string_view)>;

/// What PostgreSQL repositories share, with the entry points of sqlite::Store: write() and read()
/// run work on a pooled connection inside one transaction each and turn every failure into
/// core::Error, so none escapes a repository method. There is no writer thread and no group
/// commit: PostgreSQL locks rows, not the database, and coalesces concurrent commits' WAL flushes
/// itself (docs/postgres.md, "Writer and readers on PostgreSQL").
class Store {
 public:
  struct Options {
    /// A job failing with a serialization failure or a deadlock (which PostgreSQL asks clients to
    /// retry) runs again this many times before the caller is told the database is busy.
    int retries = 3;
    std::chrono::milliseconds backoff{5};  // times the attempt number, between tries
  };

  Store(ConnectionPool& pool, ErrorSink on_error, Options options)
      : pool_(pool), on_error_(std::move(on_error)), options_(options) {}
  Store(ConnectionPool& pool, ErrorSink on_error) : Store(pool, std::move(on_error), Options{}) {}

  /// Runs `work(connection) -> core::Result<T>` in a transaction and returns after COMMIT, so
  /// success means durable. An error result or an exception rolls back everything it wrote.
  /// `work` may run more than once (see Options::retries): it must only touch the database and
  /// its own result. A job may not start another job (it would hold two connections; with every
  /// connection held that way the pool would stall).
  template <typename F>
  auto write(F&& work) -> std::invoke_result_t<F&, sql::Connection&> {
    using R = std::invoke_result_t<F&, sql::Connection&>;
    using T = std::remove_cvref_t<decltype(std::declval<R&>().value())>;
    static_assert(std::is_same_v<R, core::Result<T>>, "a write job returns core::Result<T>");
    if (inside_job()) return core::Error::unavailable("A storage job may not start another storage job.");
    for (int attempt = 0;; ++attempt) {
      try {
        JobScope scope;
        auto lease = pool_.acquire();
        sql::Transaction transaction(*lease);
        R result = work(*lease);
        if (result.ok()) transaction.commit();
        return result;
      } catch (const sql::DatabaseError& error) {
        if (retryable(error) && attempt < options_.retries) {
          std::this_thread::sleep_for(options_.backoff * (attempt + 1));
          continue;
        }
        report(error.what());
        return sql::to_core_error(error);
      } catch (const std::exception& error) {
        report(error.what());
        return core::Error::unavailable("Storage failed; try again later.");
      }
    }
  }

  /// Runs `work(connection) -> T` in one read-only transaction with one snapshot for all its
  /// queries (REPEATABLE READ), as sqlite::Store::read. Storage failures become kUnavailable.
  template <typename F>
  auto read(F&& work) -> core::Result<std::invoke_result_t<F&, sql::Connection&>> {
    using T = std::invoke_result_t<F&, sql::Connection&>;
    if (inside_job()) return core::Error::unavailable("A storage job may not start another storage job.");
    try {
      JobScope scope;
      auto lease = pool_.acquire();
      lease->run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      T value = work(*lease);
      lease->run("COMMIT");  // a lease returned inside a transaction is rolled back by the pool
      return core::Result<T>(std::move(value));
    } catch (const sql::DatabaseError& error) {
      report(error.what());
      return sql::to_core_error(error);
    } catch (const std::exception& error) {
      report(error.what());
      return core::Error::unavailable("Storage failed; try again later.");
    }
  }

  /// Tells the operator about a failure that cannot travel back to the caller as a value.
  void report(std::string_view what) const noexcept {
    try {
      if (on_error_) on_error_(what);
    } catch (...) {  // a failing logger must not turn a request into a crash
    }
  }

 private:
  // Marks the calling thread as inside a job for the scope's life.
  class JobScope {
   public:
    JobScope() { depth() = 1; }
    ~JobScope() { depth() = 0; }
    JobScope(const JobScope&) = delete;
    JobScope& operator=(const JobScope&) = delete;
  };
  static int& depth() {
    thread_local int value = 0;
    return value;
  }
  static bool inside_job() { return depth() != 0; }
  static bool retryable(const sql::DatabaseError& error) {
    return error.code() == "40001" || error.code() == "40P01";  // serialization failure, deadlock
  }

  ConnectionPool& pool_;
  ErrorSink on_error_;
  Options options_;
};

}  // namespace gongdan::storage::postgres
