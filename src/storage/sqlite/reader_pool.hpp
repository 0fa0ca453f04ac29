#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/sqlite/connection.hpp"

namespace gongdan::storage::sqlite {

/// A fixed set of read-only connections: readers never go through the writer, and WAL lets them
/// read committed data while it writes.
class ReaderPool {
 public:
  /// A connection on loan; returned to the pool when the lease goes.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<Connection> connection) : pool_(pool), connection_(std::move(connection)) {}
    ReaderPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  /// Opens `size` read-only connections to `path` (which must exist, in WAL mode).
  ReaderPool(const std::filesystem::path& path, std::size_t size, std::chrono::milliseconds busy_timeout);

  /// Waits until a connection is free. More concurrent readers than connections queue here,
  /// which bounds the file handles and memory reads may take.
  Lease acquire();
  std::size_t size() const { return size_; }

 private:
  void give_back(std::unique_ptr<Connection> connection);

  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace gongdan::storage::sqlite
