#pragma once

#include <span>
#include <vector>

#include "core/time.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sql/migrator.hpp"

namespace gongdan::storage::postgres {

/// Applies the pending migrations of `list` to a PostgreSQL database in one transaction (DDL is
/// transactional there: a failing migration leaves the schema as it was) and returns the versions
/// applied. Several processes starting at once take turns on an advisory lock, so each migration
/// runs once. Throws sql::DatabaseError, or std::runtime_error when the database is newer than
/// this binary; `db` must not be inside a transaction.
std::vector<int> migrate(Connection& db, std::span<const sql::Migration> list, core::Timestamp now,
                         const sql::AfterMigration& after = {});

}  // namespace gongdan::storage::postgres
