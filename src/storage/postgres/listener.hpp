#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "storage/postgres/connection.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage::postgres {

/// One notification from `NOTIFY` / `pg_notify()`.
struct Notification {
  std::string channel;
  std::string payload;
  int sender_pid = 0;  // the backend that sent it: compare with Listener::backend_pid() to skip one's own
};

/// A connection of its own (never a pool's) that LISTENs on some channels, for events that cross
/// processes (docs/postgres.md, "Several processes"). One thread calls wait() in a loop:
///   postgres::Listener listener(url, {"gongdan_events"});
///   while (!stopping) for (auto& n : listener.wait(1s)) hub.deliver(n.payload);
/// When the connection is lost, wait() throws sql::DatabaseError (kConnection): notifications sent
/// meanwhile are gone, so the caller makes a new Listener and tells its clients to refetch.
class Listener {
 public:
  /// Connects and listens. Channel names are identifiers (lower-case letters, digits,
  /// underscores); throws std::invalid_argument otherwise, or as Connection's constructor.
  Listener(const std::string& url, const std::vector<std::string>& channels, Connection::Options options);
  Listener(const std::string& url, const std::vector<std::string>& channels)
      : Listener(url, channels, Connection::Options{}) {}

  /// The notifications that arrived, waiting up to `timeout` for the first one (empty when none came).
  std::vector<Notification> wait(std::chrono::milliseconds timeout);
  /// This listener's server process id, as Notification::sender_pid reports it.
  int backend_pid() const;

 private:
  std::vector<Notification> take();

  Connection connection_;
};

/// Sends `payload` (at most 7999 bytes: PostgreSQL's limit) on `channel` through `db`. Inside a
/// transaction it is delivered only if that transaction commits, and after it does.
void notify(sql::Connection& db, std::string_view channel, std::string_view payload);

}  // namespace gongdan::storage::postgres
