#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "storage/database_engine.hpp"
#include "storage/postgres/connection_pool.hpp"
#include "storage/postgres/store.hpp"

namespace gongdan::storage::postgres {

/// `url` without a password (in the authority or as `password=`), fit for a log line.
std::string redacted_url(const std::string& url);

/// PostgreSQL under storage::Database: a connection pool and a store of one transaction per job
/// (docs/postgres.md). Several processes may run on one database.
class PostgresEngine final : public DatabaseEngine {
 public:
  struct Options {
    std::size_t pool_size = 16;  // this process's connections; more callers wait for a free one
    ErrorSink on_error;
  };

  /// Connects (the first connection at once, so that a wrong URL fails here). Throws on failure.
  PostgresEngine(std::string url, Options options);

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  sql::Store& store() override { return store_; }
  core::Result<std::vector<int>> migrate(core::Timestamp now) override;
  core::Result<int> schema_version() override;
  std::string describe() const override { return "PostgreSQL " + redacted_url(url_); }

  const std::string& url() const { return url_; }
  ConnectionPool& pool() { return pool_; }

 private:
  std::string url_;
  ConnectionPool pool_;
  Store store_;
};

}  // namespace gongdan::storage::postgres
