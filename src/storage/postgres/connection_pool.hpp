#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/connection.hpp"

namespace gongdan::storage::postgres {

/// A bounded set of connections to one database, shared by threads. Connections open on demand
/// up to max_size and are reused (each keeps its prepared statements); a caller finding them all
/// busy waits up to acquire_timeout. A connection is checked before it is lent again after
/// sitting idle (`SELECT 1`), and one that broke or comes back inside a transaction is closed
/// instead of reused, so a lease always starts on a live connection outside any transaction.
///   postgres::ConnectionPool pool(url, {});
///   auto db = pool.acquire();
///   db->cached("SELECT ...")->step();
/// The pool must outlive its leases.
class ConnectionPool {
 public:
  struct Options {
    std::size_t max_size = 8;                          // bounds the server's backends (and memory) one process may take
    std::chrono::milliseconds acquire_timeout{5000};   // then kBusy: a stalled database must not hang requests forever
    std::chrono::milliseconds check_after_idle{5000};  // a connection idle this long is pinged before use
    Connection::Options connection;
  };

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
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  /// Opens the first connection right away, so that a wrong URL or an unreachable server fails
  /// at start-up. Throws as Connection's constructor.
  ConnectionPool(std::string url, Options options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  /// A live connection outside any transaction. Throws sql::DatabaseError: kBusy when none was
  /// free within acquire_timeout, kConnection when a new one cannot be opened.
  Lease acquire();

  /// Connections open now (lent and idle).
  std::size_t open() const;
  /// Connections idle in the pool now.
  std::size_t idle() const;
  std::size_t max_size() const { return options_.max_size; }

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  void give_back(std::unique_ptr<Connection> connection) noexcept;
  void forget_one() noexcept;

  const std::string url_;
  const Options options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Idle> idle_;  // most recently returned last: reused first, its caches are warm
  std::size_t open_ = 0;
};

}  // namespace gongdan::storage::postgres
