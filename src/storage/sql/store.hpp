#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/dialect.hpp"

namespace gongdan::storage::sql {

/// Where repositories run their work on any engine, with the entry points of sqlite::Store:
///   auto id = store.write([&](sql::Connection& db) -> core::Result<core::TicketId> { ... });
///   auto page = store.read([&](sql::Connection& db) { return ...; });
/// write() returns after the work's transaction committed (success means durable) and rolls
/// back everything the work wrote when it returns an error or throws; read() runs the work in one
/// read snapshot. Neither lets an exception out: storage failures become core::Error (kConflict
/// for constraints, kUnavailable otherwise). Engines implement run_write/run_read
/// (sqlite::SqlStore over the writer and readers, postgres::Store over a pool).
class Store {
 public:
  virtual ~Store() = default;

  /// The engine's SQL, for repositories that build statements before they reach a connection.
  virtual Dialect dialect() const = 0;
  /// Tells the operator about a failure that cannot travel back to the caller as a value (e.g.
  /// one ticket of a batch job that was skipped). Never throws.
  virtual void report(std::string_view what) const noexcept = 0;

  template <typename F>
  auto write(F&& work) -> std::invoke_result_t<F&, Connection&> {
    using R = std::invoke_result_t<F&, Connection&>;
    using T = std::remove_cvref_t<decltype(std::declval<R&>().value())>;
    static_assert(std::is_same_v<R, core::Result<T>>, "a write job returns core::Result<T>");
    std::optional<R> outcome;  // the last run's: an engine may run the work again (a retry)
    const core::Status status = run_write([&](Connection& db) -> core::Status {
      outcome.emplace(work(db));
      if (outcome->ok()) return core::ok_status();
      return outcome->error();
    });
    if (!status.ok()) return status.error();
    return std::move(*outcome);
  }

  template <typename F>
  auto read(F&& work) -> core::Result<std::invoke_result_t<F&, Connection&>> {
    using T = std::invoke_result_t<F&, Connection&>;
    std::optional<T> value;
    const core::Status status = run_read([&](Connection& db) { value.emplace(work(db)); });
    if (!status.ok()) return status.error();
    return std::move(*value);
  }

 protected:
  Store() = default;
  Store(const Store&) = default;
  Store& operator=(const Store&) = default;

  /// Runs `work` in a write transaction: commits when it returns ok, rolls back otherwise. An
  /// exception from `work` is reported and becomes an error.
  using WriteWork = std::function<core::Status(Connection&)>;
  virtual core::Status run_write(const WriteWork& work) = 0;
  /// Runs `work` in one read snapshot; an exception is reported and becomes an error.
  using ReadWork = std::function<void(Connection&)>;
  virtual core::Status run_read(const ReadWork& work) = 0;
};

}  // namespace gongdan::storage::sql
