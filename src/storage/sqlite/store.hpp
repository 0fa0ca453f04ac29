#pragma once

#include <exception>
#include <functional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/result.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/writer.hpp"

namespace gongdan::storage::sqlite {

/// What every SQLite repository shares: the writer, the readers and where failures are reported.
/// Both entry points turn exceptions into core::Error, so none escapes a repository method.
class Store {
 public:
  Store(Writer& writer, ReaderPool& readers, ErrorSink on_error)
      : writer_(writer), readers_(readers), on_error_(std::move(on_error)) {}

  /// Runs `work(connection) -> core::Result<T>` in the writer's next batch; see Writer::run.
  template <typename F>
  auto write(F&& work) {
    return writer_.run(std::forward<F>(work));
  }

  /// Runs `work(connection) -> T` on a leased read connection, inside one read transaction so that
  /// several queries see the same snapshot. Storage failures become kUnavailable.
  /// Inside in_one_snapshot() on this thread, `work` runs in that snapshot instead.
  template <typename F>
  auto read(F&& work) -> core::Result<std::invoke_result_t<F&, Connection&>> {
    using T = std::invoke_result_t<F&, Connection&>;
    try {
      if (open_snapshot_.store == this) return core::Result<T>(work(*open_snapshot_.connection));
      auto lease = readers_.acquire();
      Connection& db = *lease;
      db.run("BEGIN");
      try {
        T value = work(db);
        db.run("COMMIT");
        return core::Result<T>(std::move(value));
      } catch (...) {
        if (db.in_transaction()) db.run("ROLLBACK");
        throw;
      }
    } catch (const SqliteError& error) {
      report(error.what());
      return to_core_error(error);
    } catch (const sql::DatabaseError& error) {  // work on the connection through ConnectionAdapter
      report(error.what());
      return sql::to_core_error(error);
    } catch (const std::exception& error) {
      report(error.what());
      return core::Error::unavailable("Storage failed; try again later.");
    }
  }

  /// Runs `work()` with every read() it makes on this thread on one leased connection, in one
  /// read transaction: the reads see one state of the data and pay once for the lease, BEGIN,
  /// COMMIT and the WAL read lock (a My tickets page made five read transactions). For work made
  /// of reads only, such as a quick read (docs/adr/0004): a write inside it is not seen by the
  /// reads after it. Exceptions from `work` pass through. Nested calls run in the open snapshot.
  void in_one_snapshot(const std::function<void()>& work);

  /// Tells the operator about a failure that cannot travel back to the caller as a value.
  void report(std::string_view what) const noexcept {
    try {
      if (on_error_) on_error_(what);
    } catch (...) {  // a failing logger must not turn a read into a crash
    }
  }

 private:
  struct OpenSnapshot {
    const Store* store = nullptr;
    Connection* connection = nullptr;
  };
  static thread_local OpenSnapshot open_snapshot_;

  Writer& writer_;
  ReaderPool& readers_;
  ErrorSink on_error_;
};

}  // namespace gongdan::storage::sqlite
