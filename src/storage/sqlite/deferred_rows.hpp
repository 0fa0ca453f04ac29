#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongdan::storage::sqlite {

class Connection;

/// Row writes a write job leaves for the end of its batch. SQLite's FTS5 writes its pending terms
/// to disk at every SAVEPOINT, and the writer opens one per job, so indexing a ticket inside its
/// job wrote a new index segment per submission (and merged them again): a fifth of the writer's
/// time. The writer runs these writes once, just before COMMIT, after the last savepoint.
///
/// A write is an upsert statement with two parameters, (key, value); a later write of the same
/// statement and key replaces the earlier one, and a job reads what its batch left pending with
/// find() before it reads the table. A job that rolls back takes its writes with it.
class DeferredRows {
 public:
  using Mark = std::size_t;

  /// The writer starts deferring (at BEGIN); until then writes run at once.
  void begin() { active_ = true; }
  bool active() const { return active_; }
  /// Where a job starts, to roll back to if it fails.
  Mark mark() const { return undo_.size(); }
  void roll_back_to(Mark mark);
  /// Runs every pending write on `db` in key order and stops deferring. Throws SqliteError.
  void flush(Connection& db);
  /// Forgets every pending write and stops deferring (the batch failed).
  void discard();

  void put(std::string_view upsert_sql, std::int64_t key, std::string value);
  /// The value pending for (statement, key), if any.
  const std::string* find(std::string_view upsert_sql, std::int64_t key) const;

 private:
  using Key = std::pair<std::string, std::int64_t>;
  struct Undo {
    Key key;
    std::optional<std::string> previous;  // nullopt: the key was not pending before
  };
  bool active_ = false;
  std::map<Key, std::string> rows_;
  std::vector<Undo> undo_;
};

}  // namespace gongdan::storage::sqlite
