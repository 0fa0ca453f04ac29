#pragma once

#include <optional>
#include <string>

#include "storage/sql/connection.hpp"

namespace gongdan::storage::transfer {

/// Reads every row of one SELECT, however many there are, without holding them all in memory:
/// on SQLite the statement steps through the table; on PostgreSQL (whose statements fetch their
/// whole result) a cursor hands out kFetchRows rows per round trip. PostgreSQL cursors live in a
/// transaction, so the connection must be in one there. Throws sql::DatabaseError.
///   RowReader rows(db, "SELECT id, name FROM users ORDER BY id");
///   while (rows.next()) use(rows.row().int64(0), rows.row().text(1));
class RowReader {
 public:
  static constexpr int kFetchRows = 5000;

  RowReader(sql::Connection& db, const std::string& select);
  ~RowReader();
  RowReader(const RowReader&) = delete;
  RowReader& operator=(const RowReader&) = delete;

  /// Advances to the next row: false when there is none left.
  bool next();
  /// The current row's columns.
  const sql::Statement& row() const { return *statement_; }

 private:
  sql::Connection& db_;
  std::string cursor_;  // PostgreSQL: the cursor's name
  std::optional<sql::Statement> statement_;
  int fetched_ = 0;  // PostgreSQL: rows of the current batch read so far
  bool done_ = false;
};

}  // namespace gongdan::storage::transfer
