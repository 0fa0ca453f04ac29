#pragma once

#include <span>
#include <vector>

#include "core/time.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sqlite/connection.hpp"

namespace gongdan::storage::sqlite {

/// The highest migration version applied to the database (0 for an empty one).
int schema_version(Connection& db);

/// Applies every migration of `list` newer than the database, in order, recording each in
/// `schema_migrations`. Run it inside one transaction (a writer job) so a failing migration
/// leaves the schema as it was. Returns the versions applied; applying again applies nothing.
/// Throws SqliteError, or std::runtime_error when the database is newer than this binary.
std::vector<int> apply_migrations(Connection& db, std::span<const sql::Migration> list, core::Timestamp now);

}  // namespace gongdan::storage::sqlite
