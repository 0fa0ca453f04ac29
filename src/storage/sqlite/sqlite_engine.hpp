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
    std::size_t io_read_connections = 2;  // more, kept for the I/O threads' quick reads (ADR 0004)
  };

  /// Creates the file when absent and opens the writer and the readers. Throws on failure.
  SqliteEngine(std::filesystem::path path, const Options& options);
  ~SqliteEngine() override;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  sql::Store& store() override { return sql_store_; }
  core::Result<std::vector<int>> migrate(core::Timestamp now) override;
  core::Result<int> schema_version() override;
  std::string describe() const override { return "SQLite " + path_.string(); }
  void stop() override { writer_->stop(); }
  /// Merges up to kMergePages pages of the search index's segments when no write is queued.
  /// FTS5 merges by itself only at 8 segments a level (migration 11) so that submissions do not
  /// wait for merges; this step brings the levels back to 4 while the writer has time, which
  /// keeps searches as fast as with SQLite's default (docs/performance.md, "Search merges").
  int tidy_search_index() override;
  void in_one_snapshot(const std::function<void()>& work) override { store_.in_one_snapshot(work); }
  static constexpr int kMergePages = 256;
  /// Merges run only while writes took less than this share of the writer's time since the last
  /// step: under a burst of submissions the merges wait (FTS5's own at 8 bound the index).
  static constexpr double kMaxWriterLoadForMerges = 0.5;

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
  // tidy_search_index's view of the writer's load: when it last looked, and the busy time then.
  // Only the one job thread calls it.
  std::chrono::steady_clock::time_point tidy_looked_at_ = std::chrono::steady_clock::now();
  std::chrono::nanoseconds tidy_busy_{0};
};

}  // namespace gongdan::storage::sqlite
