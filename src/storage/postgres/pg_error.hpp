#pragma once

#include <string>
#include <string_view>

#include "storage/sql/database_error.hpp"

struct pg_conn;
struct pg_result;

namespace gongdan::storage::postgres {

/// The engine-neutral kind of a PostgreSQL SQLSTATE (https://www.postgresql.org/docs/15/errcodes-appendix.html):
///   23505 unique_violation → kUniqueViolation; other class 23 (integrity) → kConstraint;
///   40001 serialization_failure, 40P01 deadlock, 55P03 lock_not_available, 57014 query_canceled
///   (statement_timeout) → kBusy; class 08 (connection), 57P01-57P03 (shutdown, cannot connect
///   now), class 53 (out of resources) → kConnection; class 22 (data exception) → kInvalidData;
///   anything else (syntax, undefined table, ...) → kOther. An empty state (libpq's own failure,
///   e.g. a lost connection) → kConnection.
sql::DatabaseError::Kind classify_sqlstate(std::string_view sqlstate);

/// The failure a result (or, when `result` is null, the connection) reports, with `what` naming
/// the call. The message carries the server's text for the operator's log, never parameter values.
sql::DatabaseError error_from(pg_conn* connection, const pg_result* result, std::string_view what);

}  // namespace gongdan::storage::postgres
