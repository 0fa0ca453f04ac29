#include "storage/sqlite_database.hpp"

#include <cstdio>
#include <string>
#include <system_error>

#include "storage/sql/migration.hpp"
#include "storage/sqlite/migrator.hpp"

namespace gongdan::storage {
namespace {

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
      return sqlite::apply_migrations(db, sql::migrations(), now);
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
