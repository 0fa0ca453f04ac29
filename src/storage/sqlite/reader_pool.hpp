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
/// read committed data while it writes. A few of them are kept for the I/O threads
/// (core::on_io_thread), whose quick reads must not wait while the workers hold every other
/// connection in long reads (docs/adr/0004).
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
    Lease(ReaderPool* pool, std::unique_ptr<Connection> connection, bool kept_for_io)
        : pool_(pool), connection_(std::move(connection)), kept_for_io_(kept_for_io) {}
    ReaderPool* pool_;
    std::unique_ptr<Connection> connection_;
    bool kept_for_io_;
  };

  /// Opens `size` read-only connections to `path` (which must exist, in WAL mode), and
  /// `kept_for_io` more that only I/O threads take.
  ReaderPool(const std::filesystem::path& path, std::size_t size, std::chrono::milliseconds busy_timeout,
             std::size_t kept_for_io = 0);

  /// Waits until a connection is free. More concurrent readers than connections queue here,
  /// which bounds the file handles and memory reads may take. An I/O thread takes one kept for
  /// it when there is one, else any.
  Lease acquire();
  std::size_t size() const { return size_; }

 private:
  void give_back(std::unique_ptr<Connection> connection, bool kept_for_io);

  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::vector<std::unique_ptr<Connection>> idle_for_io_;
};

}  // namespace gongdan::storage::sqlite
