#pragma once

#include <stdexcept>
#include <string>

namespace gongdan::storage {

/// Storage could not be set up at start-up (database, attachment folder, magic database).
/// Thrown by constructors and open() only; running repositories return core::Error instead.
class StorageError : public std::runtime_error {
 public:
  explicit StorageError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace gongdan::storage
