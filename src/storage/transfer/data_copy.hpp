#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/connection.hpp"

namespace gongdan::storage::transfer {

/// migrate-data cannot or must not copy (schemas differ, the target holds data, a value does
/// not fit): the message is one line for the operator and never holds a password. Whatever was
/// written to the target is rolled back.
class TransferError : public std::runtime_error {
 public:
  explicit TransferError(const std::string& message) : std::runtime_error(message) {}
};

/// One table after the copy: its rows and checksum (RowChecksum, rows in primary-key order) read
/// back on each side.
struct TableCheck {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
  std::string source_checksum;
  std::string target_checksum;

  bool ok() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

/// What copy_data did.
struct CopyReport {
  std::vector<int> schema_versions;  // the migrations recorded on both sides
  std::vector<TableCheck> tables;    // in copy order (referenced tables first)
  std::int64_t rows = 0;             // rows copied, all tables
  bool committed = false;            // false: a table differed, and the target was rolled back
  std::chrono::milliseconds copy_time{0};
  std::chrono::milliseconds verify_time{0};
  std::chrono::milliseconds analyze_time{0};
  /// ANALYZE after COMMIT failed (the data is in; statistics come with autovacuum): why.
  std::string analyze_error;

  bool verified() const;
};

struct CopyOptions {
  /// Told one line per step (a table copied, the verification begun) for the operator; may be empty.
  std::function<void(std::string_view)> progress;
  /// Rows per INSERT statement; fewer when a table is so wide that they would pass PostgreSQL's
  /// 65,535 parameters per statement.
  std::size_t batch_rows = 1000;
};

/// The tables an installation in use always has rows in: a target holding any is not empty.
inline constexpr std::string_view kFilledTables[] = {"users", "tickets"};

/// What `db` holds in kFilledTables, e.g. "4 users, 5 tickets"; empty when they are empty or do not
/// exist yet.
std::string existing_data(sql::Connection& db);

/// Copies every table of `source` (SQLite, or PostgreSQL) into `target` (PostgreSQL), which must
/// be empty (existing_data() is empty; the rows that migrations seed are replaced) and at the same
/// schema version (the same schema_migrations versions; that table itself is not copied). The
/// source is read inside one read transaction, a consistent snapshot even while a server writes
/// to it; the target is written in one transaction: referenced tables first, in multi-row
/// INSERTs, search index included (SQLite's FTS5 rowid becomes the ticket_id key), identity
/// sequences set past the largest id. Before COMMIT every table is read back on both sides and
/// compared by row count and checksum; on any difference the target is rolled back and the
/// report says so (committed false). After COMMIT the target is analysed.
/// Column lists, types, keys and the order come from the two catalogs, so a new migration needs
/// no change here. Throws TransferError (the target rolled back, nothing written) when the
/// schemas differ, the target holds data, or a value cannot be stored (e.g. a NUL byte in text),
/// and sql::DatabaseError when a connection fails.
CopyReport copy_data(sql::Connection& source, sql::Connection& target, const CopyOptions& options = {});

}  // namespace gongdan::storage::transfer
