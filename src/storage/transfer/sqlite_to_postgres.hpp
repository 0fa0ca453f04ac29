#pragma once

#include <filesystem>
#include <string>

#include "core/time.hpp"
#include "storage/transfer/data_copy.hpp"

namespace gongdan::storage::transfer {

/// Moves an installation's data from its SQLite database to PostgreSQL (`gongdan migrate-data`,
/// docs/postgres.md "Moving an installation to PostgreSQL"): opens `sqlite` (the database file, or
/// the data directory holding gongdan.db) read-only, checks that its schema is this program's,
/// connects to `url`, refuses a target holding users or tickets, migrates the target to the same
/// version (stamped `now`) and runs copy_data. Attachment files are not touched: they stay in the
/// data directory. Throws TransferError with a one-line reason (never the URL's password).
CopyReport copy_sqlite_to_postgres(const std::filesystem::path& sqlite, const std::string& url, core::Timestamp now,
                                   const CopyOptions& options = {});

/// The SQLite file `path` names: itself, or gongdan.db inside it when it is a directory.
std::filesystem::path sqlite_database_file(const std::filesystem::path& path);

}  // namespace gongdan::storage::transfer
