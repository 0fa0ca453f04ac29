#pragma once

#include "storage/sql/connection.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"

namespace gongdan::storage::sqlite {

/// The engine-neutral kind of an SQLite failure: busy/locked → kBusy, UNIQUE/PRIMARY KEY →
/// kUniqueViolation, other constraints → kConstraint, anything else → kOther, so that
/// sql::to_core_error of the result equals sqlite::to_core_error of the original.
sql::DatabaseError to_database_error(const SqliteError& error);

/// An existing sqlite::Connection seen through sql::Connection, so that engine-neutral code runs
/// on SQLite too. It borrows the connection (which must outlive it) and changes none of its
/// behaviour: cached() borrows from the connection's own statement cache, so an adapter made for
/// each write job costs nothing. SqliteError becomes sql::DatabaseError.
///   auto result = writer.run([](sqlite::Connection& c) { sqlite::ConnectionAdapter db(c); ... });
class ConnectionAdapter final : public sql::Connection {
 public:
  explicit ConnectionAdapter(sqlite::Connection& connection) : connection_(connection) {}

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  void exec(std::string_view sql) override;
  sql::Statement prepare(std::string_view sql) override;
  sql::CachedStatement cached(std::string_view sql) override;
  std::int64_t changes() const override { return connection_.changes(); }
  bool in_transaction() const override { return connection_.in_transaction(); }
  void upsert_at_end(std::string_view upsert_sql, std::int64_t key, std::string value) override;
  const std::string* pending_upsert(std::string_view upsert_sql, std::int64_t key) const override;
  std::size_t pending_mark() const override { return connection_.deferred().mark(); }
  void drop_pending_since(std::size_t mark) override { connection_.deferred().roll_back_to(mark); }

  sqlite::Connection& connection() { return connection_; }

 private:
  sqlite::Connection& connection_;
};

}  // namespace gongdan::storage::sqlite
