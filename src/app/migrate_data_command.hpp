#pragma once

#include <iosfwd>
#include <string>

#include "core/clock.hpp"

namespace gongdan::app {

/// Options of `gongdan migrate-data`.
struct MigrateDataOptions {
  std::string from;  // sqlite:PATH (the gongdan.db file, or the data directory holding it)
  std::string to;    // postgresql://USER[:PASSWORD]@HOST[:PORT]/DB
};

/// Exit codes of `gongdan migrate-data`.
inline constexpr int kMigrateDataOk = 0;
inline constexpr int kMigrateDataFailed = 1;  // nothing was kept on PostgreSQL; the reason on `err`
inline constexpr int kMigrateDataUsage = 2;

/// Copies an installation's data from its SQLite file into an empty PostgreSQL database
/// (docs/postgres.md "Moving an installation to PostgreSQL"): prints the verification table (table,
/// rows, checksum, ok) and a summary on `out`, progress and the one-line reason of a failure on
/// `err`. Never prints the URL's password. `clock` stamps the target's migrations. Returns the exit code.
int run_migrate_data(const MigrateDataOptions& options, const core::Clock& clock, std::ostream& out, std::ostream& err);

}  // namespace gongdan::app
