#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace CLI {
class App;
}

namespace gongdan::app {

/// Where a command finds the installation's data, from the command line, the environment or the
/// config file (docs/postgres.md, "Choosing the engine"):
///   --data-dir DIR        the SQLite file (when no database URL is given) and, by default, attachments
///   --db URL              postgresql://USER[:PASSWORD]@HOST[:PORT]/DB; also GONGDAN_DATABASE_URL, or
///                         `url` in the config file's [database] section (or `db` in the command's)
///   --attachments-dir DIR attachment files; every process of one installation must share it
struct StorageCliOptions {
  std::string data_dir = "./data";
  std::string db;
  std::string attachments_dir;  // empty: <data-dir>/attachments
  std::size_t db_pool = 16;     // PostgreSQL connections of this process
};

/// Adds the options above to `command` (db_pool only when `with_pool`: for `serve`).
void add_storage_options(CLI::App& command, StorageCliOptions& options, bool with_pool = false);

/// `url` of the [database] section of a TOML config file, or "" when the file or the key is absent.
/// Throws std::runtime_error when the file exists but cannot be parsed.
std::string database_url_from_config(const std::string& config_file);

/// The attachments folder `options` name.
std::filesystem::path attachments_dir(const StorageCliOptions& options);

}  // namespace gongdan::app
