#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>

#include "storage/database_engine.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/sqlite/sql_store.hpp"
#include "storage/sqlite/store.hpp"
#include "storage/sqlite/writer.hpp"

namespace gongdan::storage::sqlite {

/// The embedded engine: one file in the data directory, one writer thread with group commit and
/// a pool of read connections (docs/architecture.md). Repositories reach it through store().
class SqliteEngine final : public DatabaseEngine {
 public:
  struct Options {
    std::size_t read_connections = 8;
    std::size_t max_batch = 256;
    std::chrono::milliseconds busy_timeout{5000};
    std::size_t writer_cache_mib = 0;  // the writer's page cache; 0: SQLite's default (2 MiB)
    ErrorSink on_error;
  };

  /// Creates the file when absent and opens the writer and the readers. Throws on failure.
  SqliteEngine(std::filesystem::path path, Options options);
  ~SqliteEngine() override;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  sql::Store& store() override { return sql_store_; }
  core::Result<std::vector<int>> migrate(core::Timestamp now) override;
  core::Result<int> schema_version() override;
  std::string describe() const override { return "SQLite " + path_.string(); }
  void stop() override { writer_->stop(); }

  const std::filesystem::path& path() const { return path_; }
  Writer& writer() { return *writer_; }
  ReaderPool& readers() { return *readers_; }
  /// The store in SQLite's own types (sqlite::Connection), for the bulk loader and SQLite tests.
  sqlite::Store& sqlite_store() { return store_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReaderPool> readers_;
  sqlite::Store store_;
  SqlStore sql_store_;
};

}  // namespace gongdan::storage::sqlite
