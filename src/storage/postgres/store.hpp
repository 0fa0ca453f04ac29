#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "core/result.hpp"
#include "storage/postgres/connection_pool.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage::postgres {

/// Reports storage failures that cannot travel back as a value (or whose details must not).
using ErrorSink = std::function<void(std::string_view)>;

/// The sql::Store of PostgreSQL: each write() and read() runs on a pooled connection inside a
/// transaction of its own. There is no writer thread and no group commit: PostgreSQL locks rows,
/// not the database, and coalesces concurrent commits' WAL flushes itself (docs/postgres.md,
/// "Writer and readers on PostgreSQL"). Reads run in REPEATABLE READ READ ONLY: one snapshot for
/// all their queries, as on SQLite.
/// A write's work may run more than once (see Options::retries): it must only touch the database
/// and its own result. A job may not start another job (it would hold two connections; with every
/// connection held that way the pool would stall): that is refused with kUnavailable.
class Store final : public sql::Store {
 public:
  struct Options {
    /// A job failing with a serialization failure or a deadlock (which PostgreSQL asks clients to
    /// retry) runs again this many times before the caller is told the database is busy.
    int retries = 3;
    std::chrono::milliseconds backoff{5};  // times the attempt number, plus as much at random, between tries
  };

  Store(ConnectionPool& pool, ErrorSink on_error, Options options)
      : pool_(pool), on_error_(std::move(on_error)), options_(options) {}
  Store(ConnectionPool& pool, ErrorSink on_error) : Store(pool, std::move(on_error), Options{}) {}

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  /// Tells the operator about a failure that cannot travel back to the caller as a value.
  void report(std::string_view what) const noexcept override;

 protected:
  core::Status run_write(const WriteWork& work) override;
  core::Status run_read(const ReadWork& work) override;

 private:
  ConnectionPool& pool_;
  ErrorSink on_error_;
  Options options_;
};

}  // namespace gongdan::storage::postgres
