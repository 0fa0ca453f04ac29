#include "storage/sql/migrator.hpp"

#include <stdexcept>
#include <string>

namespace gongdan::storage::sql {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";

}  // namespace

bool table_exists(Connection& db, std::string_view table) {
  auto exists = db.cached(db.dialect() == Dialect::kSqlite
                              ? "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"
                              : "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                                "AND tablename = ?");
  return exists->bind(1, table).step();
}

int schema_version(Connection& db) {
  if (!table_exists(db, "schema_migrations")) return 0;
  auto max = db.cached("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  max->step();
  return max->int32(0);
}

std::vector<int> apply_migrations(Connection& db, std::span<const Migration> list, core::Timestamp now,
                                  const AfterMigration& after) {
  int newest_known = 0;
  for (const auto& migration : list) {
    if (migration.version <= newest_known) throw std::logic_error("migrations must be in ascending version order");
    newest_known = migration.version;
  }
  db.exec(kCreateTable);
  const int current = schema_version(db);
  // An older binary on a newer schema could misread or damage data it does not understand.
  if (current > newest_known) {
    throw std::runtime_error("the database schema (version " + std::to_string(current) +
                             ") is newer than this program (version " + std::to_string(newest_known) + ")");
  }
  std::vector<int> applied;
  for (const auto& migration : list) {
    // Recorded versions are skipped, not everything below the newest (see sqlite/migrator.cpp).
    auto recorded = db.cached("SELECT 1 FROM schema_migrations WHERE version = ?");
    if (recorded->bind(1, migration.version).step()) continue;
    db.exec(render(migration.sql, db.dialect()));
    if (after) after(db, migration.version);
    auto record = db.cached("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    record->bind_all(migration.version, core::to_epoch_ms(now)).run();
    applied.push_back(migration.version);
  }
  return applied;
}

}  // namespace gongdan::storage::sql
