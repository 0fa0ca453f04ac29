#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/sql/dialect.hpp"
#include "storage/sql/statement.hpp"

namespace gongdan::storage::sql {

/// One database connection on any engine, used by one thread at a time: what repositories need
/// to read and write, with the same member names as sqlite::Connection so that moving a
/// repository onto it is a change of type. SQL uses `?` placeholders on every engine. New rows'
/// ids come from `INSERT ... RETURNING id` (both engines), not from a last-insert-id call.
/// Throws DatabaseError on failure.
class Connection {
 public:
  virtual ~Connection() = default;

  /// Which SQL the engine speaks, for the few statements written per engine (docs/postgres.md).
  virtual Dialect dialect() const = 0;
  /// Runs one or more statements that take no parameters (DDL, BEGIN/COMMIT). The text is sent
  /// as is: a `?` in it is not a placeholder.
  virtual void exec(std::string_view sql) = 0;
  /// A fresh statement, for SQL that varies from call to call.
  virtual Statement prepare(std::string_view sql) = 0;
  /// A statement from this connection's cache, prepared on first use: for fixed SQL texts, and
  /// for the texts a query builder makes from a bounded set of parts (see StatementCache).
  virtual CachedStatement cached(std::string_view sql) = 0;
  /// Runs one parameterless statement from the cache (BEGIN, COMMIT, SAVEPOINT ...): cheaper
  /// than exec() for a text that runs on every request.
  void run(std::string_view sql) { cached(sql)->run(); }
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  virtual std::int64_t changes() const = 0;
  /// True while a transaction is open (also one that failed and waits for ROLLBACK).
  virtual bool in_transaction() const = 0;

  /// Runs `upsert_sql` (two parameters: key, value) now, or, on SQLite's writer, just before its
  /// batch commits: FTS5 writes a segment at every SAVEPOINT, and the writer opens one per job
  /// (sqlite::DeferredRows). A later write of the same statement and key replaces an earlier one.
  virtual void upsert_at_end(std::string_view upsert_sql, std::int64_t key, std::string value);
  /// The value an upsert_at_end of this batch left pending for (statement, key), if any: read it
  /// before the table, which does not have it yet.
  virtual const std::string* pending_upsert(std::string_view upsert_sql, std::int64_t key) const;
  /// Where the pending upserts stand, and dropping those made since (Savepoint does both, so that
  /// rolling back to a savepoint also forgets the upserts made after it).
  virtual std::size_t pending_mark() const { return 0; }
  virtual void drop_pending_since(std::size_t /*mark*/) {}

 protected:
  Connection() = default;
  Connection(const Connection&) = default;
  Connection& operator=(const Connection&) = default;
};

/// BEGIN on construction; ROLLBACK when it goes without commit(), e.g. on an exception.
///   sql::Transaction tx(db);
///   ...writes...
///   tx.commit();
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& db_;
  bool open_ = true;
};

/// SAVEPOINT on construction; ROLLBACK TO it (undoing what was written since, pending upserts
/// included, and on PostgreSQL clearing the failed state an error leaves) when it goes without
/// release().
class Savepoint {
 public:
  /// `name` is an SQL identifier (letters, digits, underscores); throws std::invalid_argument otherwise.
  Savepoint(Connection& db, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  /// Keeps what was written since the savepoint (as part of the enclosing transaction).
  void release();
  /// Undoes what was written since the savepoint; the savepoint stays for another try.
  void rollback();

 private:
  Connection& db_;
  std::string name_;
  std::size_t pending_mark_;
  bool open_ = true;
};

}  // namespace gongdan::storage::sql
