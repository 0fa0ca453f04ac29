#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/connection.hpp"
#include "storage/sql/database_error.hpp"

struct pg_conn;
struct pg_result;

namespace gongdan::storage::postgres {

/// A statement's SQL as the server sees it: `$n` placeholders, and the name it was prepared
/// under (empty: run unprepared, parsed anew each time).
struct Plan {
  std::string text;
  std::string name;
  int parameters = 0;
};

/// One libpq connection, used by one thread at a time (as a pool lease or a job's connection).
/// cached() prepares each SQL text once per connection on the server (PQprepare) and runs it by
/// name (PQexecPrepared); prepare() sends text and values together (PQexecParams). Values always
/// travel apart from the SQL text, as text-format parameters whose types the server infers from
/// where each `?` stands. A statement's rows are fetched whole when it first steps, so another
/// statement may run while its rows are read (a nested query), as on SQLite; page big reads.
/// Throws sql::DatabaseError on failure.
class Connection final : public sql::Connection {
 public:
  struct Options {
    /// Give up on an unreachable server after this long (libpq `connect_timeout`); the URL's own
    /// `connect_timeout` wins.
    std::chrono::seconds connect_timeout{10};
  };

  /// Connects to `url`, a libpq URI: postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?param=value...].
  /// The session speaks UTF-8 whatever the URL says. Throws std::invalid_argument when `url` is
  /// not a postgresql:// (or postgres://) URL, sql::DatabaseError (kConnection) when the server
  /// cannot be reached or refuses. Error messages never contain the password.
  explicit Connection(const std::string& url, Options options);
  explicit Connection(const std::string& url) : Connection(url, Options{}) {}
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  void exec(std::string_view sql) override;
  sql::Statement prepare(std::string_view sql) override;
  sql::CachedStatement cached(std::string_view sql) override;
  std::int64_t changes() const override { return changes_; }
  bool in_transaction() const override;

  /// False once the connection to the server is lost.
  bool connected() const;
  /// One round trip (`SELECT 1`): true when the server answers. Only outside a transaction.
  bool ping() noexcept;
  /// How many statements this connection has prepared on the server (for tests and metrics).
  std::size_t prepared_count() const { return plans_.size(); }
  pg_conn* handle() { return conn_; }

  /// Runs a plan with `values` (null pointers are NULL) and returns its result, which the caller
  /// clears. For the statements of this connection.
  pg_result* execute(const Plan& plan, const char* const* values);

 private:
  std::unique_ptr<sql::StatementBackend> prepare_backend(std::string_view sql);
  void note_changes(const pg_result* result);

  pg_conn* conn_ = nullptr;
  std::int64_t changes_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const Plan>> plans_;  // by the SQL as written
  sql::StatementCache cache_;
};

}  // namespace gongdan::storage::postgres
