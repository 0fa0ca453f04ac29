#include "storage/transfer/sqlite_to_postgres.hpp"

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <system_error>

#include "storage/database.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/migrator.hpp"
#include "storage/postgres/postgres_engine.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/connection_adapter.hpp"
#include "storage/transfer/table_layout.hpp"

namespace gongdan::storage::transfer {
namespace {

// How long to wait for a server's write lock on the SQLite file before giving up (a read
// transaction waits only while a checkpoint or recovery holds it).
constexpr std::chrono::milliseconds kBusyTimeout{5000};

int newest_known_version() { return sql::migrations().back().version; }

}  // namespace

std::filesystem::path sqlite_database_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) ? path / Database::kSqliteFileName : path;
}

CopyReport copy_sqlite_to_postgres(const std::filesystem::path& sqlite, const std::string& url, core::Timestamp now,
                                   const CopyOptions& options) {
  const auto file = sqlite_database_file(sqlite);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw TransferError("no SQLite database at " + file.string());
  std::unique_ptr<sqlite::Connection> source_connection;
  std::optional<sqlite::ConnectionAdapter> source;
  int source_version = 0;
  try {
    source_connection = std::make_unique<sqlite::Connection>(file, sqlite::Connection::Mode::kReadOnly, kBusyTimeout);
    source.emplace(*source_connection);
    source_version = sql::schema_version(*source);
  } catch (const std::exception& error) {
    throw TransferError("cannot read the SQLite database " + file.string() + ": " + error.what());
  }
  const int known = newest_known_version();
  if (source_version == 0) throw TransferError(file.string() + " is not a Gongdan database (it has no schema)");
  if (source_version < known) {
    throw TransferError("the SQLite database is at schema version " + std::to_string(source_version) +
                        " and this program's is " + std::to_string(known) +
                        ": upgrade it first (gongdan migrate --data-dir " + file.parent_path().string() + ")");
  }
  if (source_version > known) {
    throw TransferError("the SQLite database (schema version " + std::to_string(source_version) +
                        ") is newer than this program (version " + std::to_string(known) +
                        "): run the program that wrote it");
  }

  const std::string where = postgres::redacted_url(url);
  std::unique_ptr<postgres::Connection> target;
  try {
    target = std::make_unique<postgres::Connection>(url);
  } catch (const std::exception& error) {
    throw TransferError("cannot connect to " + where + ": " + error.what());
  }
  // Refused before migrating, so that a wrong URL leaves someone else's database as it was: only
  // an empty database or an unused Gongdan one (migrated, without users and tickets) is filled.
  const auto layout = read_layout(*target);
  if (!layout.tables.empty() && layout.find("schema_migrations") == nullptr) {
    throw TransferError("the target database " + where + " holds tables that are not Gongdan's (" +
                        layout.tables.front().name + " ...): migrate-data fills an empty database only");
  }
  if (const auto held = existing_data(*target); !held.empty()) {
    throw TransferError("the target database " + where + " already holds data (" + held +
                        "): migrate-data fills an empty database only");
  }
  try {
    postgres::migrate(*target, sql::migrations(), now);
  } catch (const std::exception& error) {
    throw TransferError("cannot migrate the target database " + where + ": " + error.what());
  }
  return copy_data(*source, *target, options);
}

}  // namespace gongdan::storage::transfer
