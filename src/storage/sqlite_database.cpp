#include "storage/sqlite_database.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <system_error>

#include "storage/sql/migration.hpp"
#include "storage/sqlite/migrator.hpp"
#include "storage/sqlite/search_index_writer.hpp"

namespace gongdan::storage {
namespace {

constexpr int kSearchMigration = 5;  // creates ticket_search (migrations/0005_search.cpp)

void print_to_stderr(std::string_view what) {
  std::fprintf(stderr, "gongdan storage: %.*s\n", static_cast<int>(what.size()), what.data());
}

}  // namespace

std::unique_ptr<SqliteDatabase> SqliteDatabase::open(const std::filesystem::path& data_dir, SqliteOptions options) {
  if (!options.on_error) options.on_error = print_to_stderr;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) throw StorageError("cannot create the data directory " + data_dir.string() + ": " + ec.message());
  const auto path = data_dir / kFileName;
  std::unique_ptr<SqliteDatabase> database;
  try {
    // The writer's connection opens first: it creates the file and switches it to WAL, which the
    // read-only connections need.
    auto connection =
        std::make_unique<sqlite::Connection>(path, sqlite::Connection::Mode::kReadWrite, options.busy_timeout);
    // A bulk load touches index pages all over a big file: with the default cache it rereads them.
    if (options.writer_cache_mib > 0) {
      connection->exec("PRAGMA cache_size = -" + std::to_string(options.writer_cache_mib * 1024));
    }
    auto readers = std::make_unique<sqlite::ReaderPool>(path, options.read_connections, options.busy_timeout);
    auto writer = std::make_unique<sqlite::Writer>(std::move(connection),
                                                   sqlite::Writer::Options{options.max_batch, options.on_error});
    database.reset(new SqliteDatabase(path, std::move(options), std::move(writer), std::move(readers)));
  } catch (const std::exception& error) {
    throw StorageError("cannot open the database " + path.string() + ": " + error.what());
  }
  if (database->options_.migrate) {
    auto applied = database->migrate();
    if (!applied) throw StorageError("cannot migrate the database " + path.string() + ": " + applied.error().message);
  }
  return database;
}

SqliteDatabase::SqliteDatabase(std::filesystem::path path, SqliteOptions options,
                               std::unique_ptr<sqlite::Writer> writer, std::unique_ptr<sqlite::ReaderPool> readers)
    : path_(std::move(path)),
      options_(std::move(options)),
      writer_(std::move(writer)),
      readers_(std::move(readers)),
      store_(*writer_, *readers_, options_.on_error),
      users_(store_),
      tickets_(store_),
      catalog_(store_),
      outbox_(store_),
      access_links_(store_),
      mail_templates_(store_),
      mail_settings_(store_, clock()),
      inbound_log_(store_),
      groups_(store_),
      macros_(store_),
      rules_(store_) {}

SqliteDatabase::~SqliteDatabase() { writer_->stop(); }

const core::Clock& SqliteDatabase::clock() const {
  static const core::SystemClock system_clock;
  return options_.clock != nullptr ? *options_.clock : system_clock;
}

core::Result<std::vector<int>> SqliteDatabase::migrate() {
  const core::Timestamp now = clock().now();
  return store_.write([&](sqlite::Connection& db) -> core::Result<std::vector<int>> {
    try {
      auto applied = sqlite::apply_migrations(db, sql::migrations(), now);
      // The search index of tickets stored before it existed, in the migration's transaction:
      // it runs exactly once, and a failure leaves neither the table nor a partial index.
      if (std::find(applied.begin(), applied.end(), kSearchMigration) != applied.end()) {
        sqlite::rebuild_search_index(db);
      }
      return applied;
    } catch (const sqlite::SqliteError&) {
      throw;  // the writer reports it and answers kUnavailable
    } catch (const std::exception& error) {
      // Not a storage hiccup: the operator must see why (e.g. a downgrade), so keep the message.
      return core::Error::unavailable(error.what());
    }
  });
}

core::Result<int> SqliteDatabase::schema_version() {
  return store_.read([](sqlite::Connection& db) { return sqlite::schema_version(db); });
}

}  // namespace gongdan::storage
