#include "storage/sqlite/sqlite_engine.hpp"

#include <algorithm>
#include <string>

#include <sqlite3.h>

#include "storage/repositories/search_index_writer.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sqlite/connection_adapter.hpp"
#include "storage/sqlite/migrator.hpp"

namespace gongdan::storage::sqlite {
namespace {

constexpr int kSearchMigration = 5;  // creates ticket_search (migrations/0005_search.cpp)

// The writer's connection opens first: it creates the file and switches it to WAL, which the
// read-only connections need.
std::unique_ptr<Connection> open_writer_connection(const std::filesystem::path& path,
                                                   const SqliteEngine::Options& options) {
  auto connection = std::make_unique<Connection>(path, Connection::Mode::kReadWrite, options.busy_timeout);
  // A bulk load touches index pages all over a big file: with the default cache it rereads them.
  if (options.writer_cache_mib > 0) {
    connection->exec("PRAGMA cache_size = -" + std::to_string(options.writer_cache_mib * 1024));
  }
  return connection;
}

}  // namespace

SqliteEngine::SqliteEngine(std::filesystem::path path, const Options& options)
    : path_(std::move(path)),
      writer_(std::make_unique<Writer>(open_writer_connection(path_, options),
                                       Writer::Options{options.max_batch, options.on_error})),
      readers_(std::make_unique<ReaderPool>(path_, options.read_connections, options.busy_timeout,
                                            options.io_read_connections)),
      store_(*writer_, *readers_, options.on_error),
      sql_store_(store_) {}

SqliteEngine::~SqliteEngine() { writer_->stop(); }

core::Result<std::vector<int>> SqliteEngine::migrate(core::Timestamp now) {
  return store_.write([&](Connection& db) -> core::Result<std::vector<int>> {
    try {
      auto applied = apply_migrations(db, sql::migrations(), now);
      // The search index of tickets stored before it existed, in the migration's transaction:
      // it runs exactly once, and a failure leaves neither the table nor a partial index.
      if (std::find(applied.begin(), applied.end(), kSearchMigration) != applied.end()) {
        ConnectionAdapter adapter(db);
        rebuild_search_index(adapter);
      }
      return applied;
    } catch (const SqliteError&) {
      throw;  // the writer reports it and answers kUnavailable
    } catch (const std::exception& error) {
      // Not a storage hiccup: the operator must see why (e.g. a downgrade), so keep the message.
      return core::Error::unavailable(error.what());
    }
  });
}

int SqliteEngine::tidy_search_index() {
  const auto now = std::chrono::steady_clock::now();
  const auto writes = writer_->busy_time() - tidy_busy_;
  const auto window = now - tidy_looked_at_;
  // Busy: a batch runs or waits, or batches took more than the share allowed since the last look
  // (a merge step that found more to do is looked at again at once: then only the first holds).
  const bool busy = writer_->working() ||
                    static_cast<double>(writes.count()) >
                        kMaxWriterLoadForMerges *
                            static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(window).count());
  if (busy) {  // writes go first
    tidy_looked_at_ = now;
    tidy_busy_ = writer_->busy_time();
    return 0;
  }
  auto merged = store_.write([](Connection& db) -> core::Result<bool> {
    // FTS5's own measure of work done: fewer than two changes means there was nothing to merge.
    const auto before = sqlite3_total_changes64(db.handle());
    db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('merge', " + std::to_string(kMergePages) + ")");
    return sqlite3_total_changes64(db.handle()) - before >= 2;
  });
  // The merge's own time is not the writes' load: the next look starts after it.
  tidy_looked_at_ = std::chrono::steady_clock::now();
  tidy_busy_ = writer_->busy_time();
  return merged.ok() && *merged ? 1 : 0;
}

core::Result<int> SqliteEngine::schema_version() {
  return store_.read([](Connection& db) { return sqlite::schema_version(db); });
}

}  // namespace gongdan::storage::sqlite
