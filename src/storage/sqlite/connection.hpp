#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/text_hash.hpp"
#include "storage/sqlite/deferred_rows.hpp"
#include "storage/sqlite/statement.hpp"

struct sqlite3;

namespace gongdan::storage::sqlite {

class Connection;

/// A statement borrowed from a connection's cache; reset (binds cleared, read ended) when it goes.
class CachedStatement {
 public:
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement();

  Statement& operator*() { return *statement_; }
  Statement* operator->() { return statement_; }

 private:
  friend class Connection;
  CachedStatement(Statement* cached, bool* in_use) : statement_(cached), in_use_(in_use) {}
  explicit CachedStatement(std::unique_ptr<Statement> own) : owned_(std::move(own)), statement_(owned_.get()) {}

  std::unique_ptr<Statement> owned_;  // set when the cached copy was already borrowed
  Statement* statement_ = nullptr;
  bool* in_use_ = nullptr;
};

/// One SQLite connection, used by one thread at a time. Throws SqliteError on failure.
class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  /// Opens (read-write mode: creating) the database file. Read-write connections switch the file
  /// to WAL with synchronous=FULL: a commit that returned is on disk.
  Connection(const std::filesystem::path& path, Mode mode, std::chrono::milliseconds busy_timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements that take no parameters (DDL, PRAGMA, BEGIN/COMMIT).
  void exec(std::string_view sql);
  /// A fresh statement, for SQL that varies from call to call.
  Statement prepare(std::string_view sql);
  /// A statement from this connection's cache, prepared on first use: for fixed SQL texts, and
  /// for the texts a query builder makes from a bounded set of parts (at most
  /// kMaxCachedStatements are kept; beyond that a text is prepared for each use).
  CachedStatement cached(std::string_view sql);
  /// Runs one parameterless statement from the cache (BEGIN, COMMIT, SAVEPOINT ...): parsing
  /// such a text on every request cost more than running it.
  void run(std::string_view sql);

  static constexpr std::size_t kMaxCachedStatements = 256;

  /// Runs the upsert `sql` with (key, value) now, or at the end of the writer's batch while it
  /// defers writes (see DeferredRows).
  void upsert_at_end(std::string_view sql, std::int64_t key, std::string value);
  /// Writes deferred to the end of a batch: by the writer's connection, and by the bulk loader's.
  DeferredRows& deferred() { return deferred_; }
  const DeferredRows& deferred() const { return deferred_; }

  std::int64_t last_insert_id() const;
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  /// False when no transaction is open (e.g. SQLite rolled one back after an I/O error).
  bool in_transaction() const;
  Mode mode() const { return mode_; }
  sqlite3* handle() { return db_; }

 private:
  struct Entry {
    std::unique_ptr<Statement> statement;
    bool in_use = false;
  };

  sqlite3* db_ = nullptr;
  Mode mode_;
  // Searched with the caller's string_view: no string is built for a text already cached, and
  // cached() runs several times for every request (BEGIN, each query, COMMIT).
  core::TextMap<Entry> cache_;
  DeferredRows deferred_;
};

}  // namespace gongdan::storage::sqlite
