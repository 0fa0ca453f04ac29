#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sql/migration.hpp"

namespace gongdan::storage::sql {

/// True when `table` exists in the connection's schema (SQLite: the main database; PostgreSQL:
/// the current schema).
bool table_exists(Connection& db, std::string_view table);

/// The highest migration version applied to the database (0 for an empty one).
int schema_version(Connection& db);

/// Called after a migration's SQL ran, in the same transaction: for steps the SQL cannot do
/// itself (e.g. filling the search index of existing tickets with tokens computed in C++).
using AfterMigration = std::function<void(Connection& db, int version)>;

/// Applies every migration of `list` that the database has not recorded, in order, rendered for
/// db.dialect(), recording each in `schema_migrations`. Run it inside one transaction so that a
/// failing migration leaves the schema as it was. Returns the versions applied; applying again
/// applies nothing. Throws DatabaseError, or std::runtime_error when the database is newer than
/// this binary. The same rules as sqlite::apply_migrations, on any engine.
std::vector<int> apply_migrations(Connection& db, std::span<const Migration> list, core::Timestamp now,
                                  const AfterMigration& after = {});

}  // namespace gongdan::storage::sql
