#include "app/storage_options.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <stdexcept>

namespace gongdan::app {

void add_storage_options(CLI::App& command, StorageCliOptions& options, bool with_pool) {
  command.add_option("--data-dir", options.data_dir, "Folder of the SQLite database and, by default, attachments")
      ->capture_default_str();
  // A password in a URL on the command line is visible in `ps`: prefer the environment or the
  // config file for anything but local tests.
  command
      .add_option("--db", options.db,
                  "PostgreSQL database, postgresql://USER[:PASSWORD]@HOST[:PORT]/DB (default: SQLite in --data-dir)")
      ->envname("GONGDAN_DATABASE_URL");
  command.add_option("--attachments-dir", options.attachments_dir,
                     "Folder of attachment files, shared by every process (default: DATA_DIR/attachments)");
  if (with_pool) {
    command.add_option("--db-pool", options.db_pool, "PostgreSQL connections this process may open")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
  }
}

std::string database_url_from_config(const std::string& config_file) {
  if (config_file.empty()) return {};
  std::ifstream in(config_file);
  if (!in) return {};  // CLI11 reports a missing --config file itself
  for (const auto& item : CLI::ConfigTOML().from_config(in)) {
    if (item.parents.size() == 1 && item.parents.front() == "database" && item.name == "url" &&
        item.inputs.size() == 1) {
      return item.inputs.front();
    }
  }
  return {};
}

std::filesystem::path attachments_dir(const StorageCliOptions& options) {
  if (!options.attachments_dir.empty()) return options.attachments_dir;
  return std::filesystem::path(options.data_dir) / "attachments";
}

}  // namespace gongdan::app
