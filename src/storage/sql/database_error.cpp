#include "storage/sql/database_error.hpp"

namespace gongdan::storage::sql {

core::Error to_core_error(const DatabaseError& error) {
  switch (error.kind()) {
    case DatabaseError::Kind::kBusy: return core::Error::unavailable("The database is busy; try again.");
    case DatabaseError::Kind::kUniqueViolation:
    case DatabaseError::Kind::kConstraint:
      return core::Error::conflict("conflict", "The change conflicts with stored data.");
    case DatabaseError::Kind::kInvalidData:
      return core::Error::invalid("invalid_data", "The data cannot be stored as given.");
    case DatabaseError::Kind::kConnection:
    case DatabaseError::Kind::kOther: break;
  }
  return core::Error::unavailable("Storage is unavailable; try again later.");
}

}  // namespace gongdan::storage::sql
