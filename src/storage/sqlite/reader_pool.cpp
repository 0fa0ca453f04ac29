#include "storage/sqlite/reader_pool.hpp"

#include <utility>

namespace gongdan::storage::sqlite {

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}

ReaderPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) pool_->give_back(std::move(connection_));
}

ReaderPool::ReaderPool(const std::filesystem::path& path, std::size_t size, std::chrono::milliseconds busy_timeout)
    : size_(size == 0 ? 1 : size) {
  idle_.reserve(size_);
  for (std::size_t i = 0; i < size_; ++i) {
    idle_.push_back(std::make_unique<Connection>(path, Connection::Mode::kReadOnly, busy_timeout));
  }
}

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(connection));
}

void ReaderPool::give_back(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace gongdan::storage::sqlite
