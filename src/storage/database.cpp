#include "storage/database.hpp"

#include <cstdio>
#include <string>
#include <system_error>

#include "storage/postgres/postgres_engine.hpp"

namespace gongdan::storage {
namespace {

void print_to_stderr(std::string_view what) {
  std::fprintf(stderr, "gongdan storage: %.*s\n", static_cast<int>(what.size()), what.data());
}

std::unique_ptr<DatabaseEngine> open_engine(const DatabaseOptions& options) {
  if (is_postgres_url(options.url)) {
    try {
      return std::make_unique<postgres::PostgresEngine>(
          options.url, postgres::PostgresEngine::Options{options.pool_size, options.on_error});
    } catch (const std::exception& error) {
      throw StorageError("cannot open the database " + postgres::redacted_url(options.url) + ": " + error.what());
    }
  }
  if (!options.url.empty()) {
    throw StorageError(
        "the database URL must start with postgresql:// (leave it empty for SQLite in the data directory)");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) throw StorageError("cannot create the data directory " + options.data_dir.string() + ": " + ec.message());
  const auto path = options.data_dir / Database::kSqliteFileName;
  try {
    return std::make_unique<sqlite::SqliteEngine>(
        path, sqlite::SqliteEngine::Options{options.read_connections, options.max_batch, options.busy_timeout,
                                            options.writer_cache_mib, options.on_error});
  } catch (const std::exception& error) {
    throw StorageError("cannot open the database " + path.string() + ": " + error.what());
  }
}

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<Database> Database::open(DatabaseOptions options) {
  if (!options.on_error) options.on_error = print_to_stderr;
  auto engine = open_engine(options);
  std::unique_ptr<Database> database(new Database(std::move(options), std::move(engine)));
  if (database->options_.migrate) {
    auto applied = database->migrate();
    if (!applied) {
      throw StorageError("cannot migrate the database " + database->describe() + ": " + applied.error().message);
    }
  }
  return database;
}

Database::Database(DatabaseOptions options, std::unique_ptr<DatabaseEngine> engine)
    : options_(std::move(options)),
      engine_(std::move(engine)),
      sqlite_(dynamic_cast<sqlite::SqliteEngine*>(engine_.get())),
      users_(store()),
      tickets_(store()),
      catalog_(store()),
      outbox_(store()),
      access_links_(store()),
      mail_templates_(store()),
      mail_settings_(store(), clock()),
      inbound_log_(store()),
      groups_(store()),
      macros_(store()),
      rules_(store()) {}

Database::~Database() { engine_->stop(); }

const core::Clock& Database::clock() const {
  static const core::SystemClock system_clock;
  return options_.clock != nullptr ? *options_.clock : system_clock;
}

core::Result<std::vector<int>> Database::migrate() { return engine_->migrate(clock().now()); }

core::Result<int> Database::schema_version() { return engine_->schema_version(); }

}  // namespace gongdan::storage
