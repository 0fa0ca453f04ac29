#include "app/migrate_data_command.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "storage/database.hpp"
#include "storage/postgres/postgres_engine.hpp"
#include "storage/transfer/sqlite_to_postgres.hpp"

namespace gongdan::app {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";

std::string seconds(std::chrono::milliseconds ms) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << static_cast<double>(ms.count()) / 1000.0 << " s";
  return text.str();
}

void print_table(const storage::transfer::CopyReport& report, std::ostream& out) {
  std::size_t width = 5;  // "table"
  for (const auto& check : report.tables) width = std::max(width, check.table.size());
  const auto row = [&](const std::string& table, const std::string& rows, const std::string& checksum,
                       const std::string& ok) {
    out << std::left << std::setw(static_cast<int>(width)) << table << "  " << std::right << std::setw(10) << rows
        << "  " << std::left << std::setw(32) << checksum << "  " << ok << "\n";
  };
  row("table", "rows", "checksum", "ok");
  std::int64_t total = 0;
  for (const auto& check : report.tables) {
    total += check.target_rows;
    if (check.ok()) {
      row(check.table, std::to_string(check.target_rows), check.target_checksum, "ok");
    } else {
      // Both sides, so that the operator sees which one differs and how.
      row(check.table, std::to_string(check.source_rows), check.source_checksum, "MISMATCH (SQLite)");
      row("", std::to_string(check.target_rows), check.target_checksum, "MISMATCH (PostgreSQL)");
    }
  }
  row("total", std::to_string(total), "", report.verified() ? "ok" : "MISMATCH");
}

}  // namespace

int run_migrate_data(const MigrateDataOptions& options, const core::Clock& clock, std::ostream& out,
                     std::ostream& err) {
  if (!options.from.starts_with(kSqliteScheme) || options.from.size() == kSqliteScheme.size()) {
    err << "migrate-data: --from must be sqlite:PATH (the gongdan.db file or the data directory holding it)\n";
    return kMigrateDataUsage;
  }
  if (!storage::is_postgres_url(options.to)) {
    err << "migrate-data: --to must be a postgresql://USER[:PASSWORD]@HOST[:PORT]/DB URL\n";
    return kMigrateDataUsage;
  }
  const std::filesystem::path file = storage::transfer::sqlite_database_file(options.from.substr(kSqliteScheme.size()));
  const std::string target = storage::postgres::redacted_url(options.to);
  out << "migrate-data: from SQLite " << file.string() << " to PostgreSQL " << target << "\n";
  storage::transfer::CopyOptions copy;
  copy.progress = [&err](std::string_view line) { err << "migrate-data: " << line << "\n"; };
  storage::transfer::CopyReport report;
  try {
    report = storage::transfer::copy_sqlite_to_postgres(file, options.to, clock.now(), copy);
  } catch (const std::exception& error) {
    // TransferError and connection failures alike: one line, never the password (libpq does not
    // echo it, and every URL shown is redacted).
    err << "migrate-data: " << error.what() << "\n";
    return kMigrateDataFailed;
  }
  print_table(report, out);
  if (!report.committed) {
    err << "migrate-data: the copy differs from the source (see MISMATCH above); PostgreSQL was rolled back and "
           "holds none of it\n";
    return kMigrateDataFailed;
  }
  out << "copied " << report.rows << " rows in " << seconds(report.copy_time) << ", verified in "
      << seconds(report.verify_time) << ", analysed in " << seconds(report.analyze_time) << "; schema version "
      << report.schema_versions.back() << " on both sides\n";
  if (!report.analyze_error.empty()) {
    out << "note: VACUUM ANALYZE after the copy failed (" << report.analyze_error
        << "); autovacuum will gather the statistics later\n";
  }
  out << "attachments: not copied; their files stay where they are (" << (file.parent_path() / "attachments").string()
      << " unless --attachments-dir named another folder): give every server process that folder with "
         "--attachments-dir (docs/postgres.md)\n";
  return kMigrateDataOk;
}

}  // namespace gongdan::app
