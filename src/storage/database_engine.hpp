#pragma once

#include <functional>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/sql/dialect.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// What differs between the engines under storage::Database: how work reaches a connection (the
/// sql::Store) and how the schema is migrated. Repositories see only the store.
class DatabaseEngine {
 public:
  virtual ~DatabaseEngine() = default;
  DatabaseEngine(const DatabaseEngine&) = delete;
  DatabaseEngine& operator=(const DatabaseEngine&) = delete;

  virtual sql::Dialect dialect() const = 0;
  virtual sql::Store& store() = 0;
  /// Applies the pending migrations in one transaction; the versions applied.
  virtual core::Result<std::vector<int>> migrate(core::Timestamp now) = 0;
  virtual core::Result<int> schema_version() = 0;
  /// Where the data lives, for the operator's log (never a password).
  virtual std::string describe() const = 0;
  /// Finishes queued writes; nothing may be written after it.
  virtual void stop() {}
  /// One step of upkeep of the search index, for a background job: 1 when it did some and there
  /// may be more, 0 when there is nothing to do now. Nothing to do unless the engine says so.
  virtual int tidy_search_index() { return 0; }
  /// Runs `work` with all its reads on this thread in one read transaction where the engine can
  /// (SQLite: sqlite::Store::in_one_snapshot); elsewhere each read keeps its own.
  virtual void in_one_snapshot(const std::function<void()>& work) { work(); }

 protected:
  DatabaseEngine() = default;
};

}  // namespace gongdan::storage
