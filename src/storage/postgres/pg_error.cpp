#include "storage/postgres/pg_error.hpp"

#include <libpq-fe.h>

namespace gongdan::storage::postgres {

sql::DatabaseError::Kind classify_sqlstate(std::string_view state) {
  using Kind = sql::DatabaseError::Kind;
  if (state.size() != 5) return Kind::kConnection;
  const std::string_view group = state.substr(0, 2);
  if (state == "23505") return Kind::kUniqueViolation;
  if (group == "23") return Kind::kConstraint;
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") return Kind::kBusy;
  if (group == "08" || group == "53" || state == "57P01" || state == "57P02" || state == "57P03") {
    return Kind::kConnection;
  }
  if (group == "22") return Kind::kInvalidData;
  return Kind::kOther;
}

sql::DatabaseError error_from(pg_conn* connection, const pg_result* result, std::string_view what) {
  std::string state;
  std::string message(what);
  message += ": ";
  if (result != nullptr) {
    if (const char* code = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = code;
    const char* text = PQresultErrorMessage(result);
    message += (text != nullptr && *text != '\0') ? text : PQresStatus(PQresultStatus(result));
  } else if (connection != nullptr) {
    message += PQerrorMessage(connection);
  } else {
    message += "no connection";
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // A state-less failure on a connection that went bad is the connection's, not the statement's.
  auto kind = classify_sqlstate(state);
  if (state.empty() && connection != nullptr && PQstatus(connection) == CONNECTION_OK && result != nullptr) {
    kind = sql::DatabaseError::Kind::kOther;
  }
  return sql::DatabaseError(kind, state, message);
}

}  // namespace gongdan::storage::postgres
