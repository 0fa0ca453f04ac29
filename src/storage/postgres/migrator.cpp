#include "storage/postgres/migrator.hpp"

#include <stdexcept>

namespace gongdan::storage::postgres {
namespace {

// Any fixed number names the lock; this one spells "gongdan" in ASCII.
constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock(29114442572915054)";

}  // namespace

std::vector<int> migrate(Connection& db, std::span<const sql::Migration> list, core::Timestamp now,
                         const sql::AfterMigration& after) {
  if (db.in_transaction()) throw std::logic_error("migrate runs its own transaction");
  sql::Transaction transaction(db);
  // Held until COMMIT: a second process waits here, then finds the versions recorded.
  db.exec(kMigrationLock);
  auto applied = sql::apply_migrations(db, list, now, after);
  transaction.commit();
  return applied;
}

}  // namespace gongdan::storage::postgres
