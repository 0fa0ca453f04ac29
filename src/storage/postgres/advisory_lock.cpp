#include "storage/postgres/advisory_lock.hpp"

#include <exception>

#include "storage/postgres/connection.hpp"

namespace gongdan::storage::postgres {

AdvisoryLock::AdvisoryLock(std::string url, std::int64_t key) : url_(std::move(url)), key_(key) {}

AdvisoryLock::~AdvisoryLock() = default;  // closing the session releases the lock

bool AdvisoryLock::hold() noexcept {
  try {
    if (!connection_) {
      connection_ = std::make_unique<Connection>(url_);
      held_ = false;
    }
    if (held_) {
      connection_->cached("SELECT 1")->run();  // throws when the session (and the lock) is gone
      return true;
    }
    auto taken = connection_->cached("SELECT pg_try_advisory_lock(?)");
    taken->bind(1, key_);
    held_ = taken->step() && taken->boolean(0);
    taken->reset();
    return held_;
  } catch (const std::exception&) {
    connection_.reset();
    held_ = false;
    return false;
  }
}

}  // namespace gongdan::storage::postgres
