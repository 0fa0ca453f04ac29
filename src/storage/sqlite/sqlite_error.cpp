#include "storage/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

namespace gongdan::storage::sqlite {

SqliteError::SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

SqliteError SqliteError::from(sqlite3* db, int code, const std::string& what) {
  std::string message = what + ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
  // sqlite3_extended_errcode reports the last call on `db`; keep it only when it refines `code`.
  return SqliteError((extended & 0xff) == (code & 0xff) ? extended : code, message);
}

bool SqliteError::busy() const { return primary_code() == SQLITE_BUSY || primary_code() == SQLITE_LOCKED; }

bool SqliteError::constraint() const { return primary_code() == SQLITE_CONSTRAINT; }

core::Error to_core_error(const SqliteError& error) {
  if (error.busy()) return core::Error::unavailable("The database is busy; try again.");
  if (error.constraint()) return core::Error::conflict("conflict", "The change conflicts with stored data.");
  return core::Error::unavailable("Storage is unavailable; try again later.");
}

}  // namespace gongdan::storage::sqlite
