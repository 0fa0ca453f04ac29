#include "storage/sqlite/reader_pool.hpp"

#include <utility>

#include "core/io_thread.hpp"

namespace gongdan::storage::sqlite {

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      kept_for_io_(other.kept_for_io_) {}

ReaderPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_ != nullptr) pool_->give_back(std::move(connection_), kept_for_io_);
}

ReaderPool::ReaderPool(const std::filesystem::path& path, std::size_t size, std::chrono::milliseconds busy_timeout,
                       std::size_t kept_for_io)
    : size_(size == 0 ? 1 : size) {
  idle_.reserve(size_);
  for (std::size_t i = 0; i < size_; ++i) {
    idle_.push_back(std::make_unique<Connection>(path, Connection::Mode::kReadOnly, busy_timeout));
  }
  for (std::size_t i = 0; i < kept_for_io; ++i) {
    idle_for_io_.push_back(std::make_unique<Connection>(path, Connection::Mode::kReadOnly, busy_timeout));
  }
}

ReaderPool::Lease ReaderPool::acquire() {
  const bool io = core::on_io_thread();
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || (io && !idle_for_io_.empty()); });
  const bool kept = io && !idle_for_io_.empty();
  auto& from = kept ? idle_for_io_ : idle_;
  auto connection = std::move(from.back());
  from.pop_back();
  return Lease(this, std::move(connection), kept);
}

void ReaderPool::give_back(std::unique_ptr<Connection> connection, bool kept_for_io) {
  {
    std::lock_guard lock(mutex_);
    (kept_for_io ? idle_for_io_ : idle_).push_back(std::move(connection));
  }
  // Any waiter can take a shared connection; one kept for I/O threads only fits an I/O thread, so
  // every waiter is woken for it (the others go back to waiting).
  if (kept_for_io) {
    available_.notify_all();
  } else {
    available_.notify_one();
  }
}

}  // namespace gongdan::storage::sqlite
