#pragma once

#include <stdexcept>
#include <string>

#include "core/error.hpp"

struct sqlite3;

namespace gongdan::storage::sqlite {

/// A failed SQLite call. Thrown inside storage only; repositories turn it into core::Error.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message);
  /// The failure of the last call on `db`, with `what` naming the call.
  static SqliteError from(sqlite3* db, int code, const std::string& what);

  /// The extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE).
  int code() const { return code_; }
  /// The primary result code (e.g. SQLITE_CONSTRAINT).
  int primary_code() const { return code_ & 0xff; }
  bool busy() const;
  bool constraint() const;

 private:
  int code_;
};

/// What a caller is told when storage fails: busy → try again later; a constraint → conflict;
/// anything else → unavailable, without SQL details (they go to the error sink instead).
core::Error to_core_error(const SqliteError& error);

}  // namespace gongdan::storage::sqlite
