#include "storage/postgres/connection_pool.hpp"

#include <stdexcept>
#include <utility>

#include "storage/sql/database_error.hpp"

namespace gongdan::storage::postgres {

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_) pool_->give_back(std::move(connection_));
}

ConnectionPool::ConnectionPool(std::string url, Options options) : url_(std::move(url)), options_(options) {
  if (options_.max_size == 0) throw std::invalid_argument("a connection pool needs at least one connection");
  idle_.push_back({std::make_unique<Connection>(url_, options_.connection), std::chrono::steady_clock::now()});
  open_ = 1;
}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease ConnectionPool::acquire() {
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      Idle entry = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      const bool stale = std::chrono::steady_clock::now() - entry.since >= options_.check_after_idle;
      // A server restart or a proxy's idle cut shows only on the next use: find out here, where a
      // fresh connection can still take its place, rather than in the caller's first query.
      if (entry.connection->connected() && (!stale || entry.connection->ping())) {
        return Lease(this, std::move(entry.connection));
      }
      entry.connection.reset();
      lock.lock();
      --open_;
      continue;
    }
    if (open_ < options_.max_size) {
      ++open_;
      lock.unlock();
      try {
        return Lease(this, std::make_unique<Connection>(url_, options_.connection));
      } catch (...) {
        forget_one();
        throw;
      }
    }
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= options_.max_size) {
      throw sql::DatabaseError(sql::DatabaseError::Kind::kBusy, "",
                               "all " + std::to_string(options_.max_size) + " database connections are in use");
    }
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) noexcept {
  // A transaction left open (a caller that threw past its commit) must not leak into the next
  // lease; a connection that cannot end it is closed.
  if (connection->connected() && connection->in_transaction()) {
    try {
      connection->exec("ROLLBACK");
    } catch (const std::exception&) {  // the checks below close it
    }
  }
  if (!connection->connected() || connection->in_transaction()) {
    connection.reset();
    forget_one();
    return;
  }
  {
    std::lock_guard lock(mutex_);
    idle_.push_back({std::move(connection), std::chrono::steady_clock::now()});
  }
  changed_.notify_one();
}

void ConnectionPool::forget_one() noexcept {
  {
    std::lock_guard lock(mutex_);
    --open_;
  }
  changed_.notify_one();
}

std::size_t ConnectionPool::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t ConnectionPool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

}  // namespace gongdan::storage::postgres
