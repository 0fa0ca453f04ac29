#pragma once

#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace gongdan::storage::sql {

/// A failed database call on any engine, classified by what the caller can do about it. Thrown
/// inside storage only; repositories turn it into core::Error with to_core_error().
class DatabaseError : public std::runtime_error {
 public:
  enum class Kind {
    kUniqueViolation,  // a UNIQUE or PRIMARY KEY constraint refused the row
    kConstraint,       // another constraint: foreign key, CHECK, NOT NULL
    kBusy,             // lock wait, deadlock, serialization failure, timeout: the same work may succeed later
    kConnection,       // the server is unreachable or the connection broke
    kInvalidData,      // a value the column cannot hold (bad number text, a NUL byte in text)
    kOther,            // anything else, e.g. an SQL error: a bug
  };

  /// `code` is the engine's own code (a PostgreSQL SQLSTATE, an SQLite extended result code).
  DatabaseError(Kind kind, std::string code, const std::string& message)
      : std::runtime_error(message), kind_(kind), code_(std::move(code)) {}

  Kind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  bool constraint() const { return kind_ == Kind::kUniqueViolation || kind_ == Kind::kConstraint; }

 private:
  Kind kind_;
  std::string code_;
};

/// What a caller is told, the same for every engine (and as sqlite::to_core_error): busy → try
/// again later; a constraint → conflict; invalid data → invalid; anything else → unavailable,
/// without SQL details (they go to the error sink instead).
core::Error to_core_error(const DatabaseError& error);

}  // namespace gongdan::storage::sql
