#include "storage/postgres/listener.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <memory>
#include <stdexcept>

#include "storage/postgres/pg_error.hpp"

namespace gongdan::storage::postgres {
namespace {

void check_channel(std::string_view channel) {
  // The name is spliced into LISTEN: only an identifier may get there.
  if (channel.empty() || channel.size() > 63) throw std::invalid_argument("a channel name has 1-63 characters");
  for (const char c : channel) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      throw std::invalid_argument("a channel name is lower-case letters, digits and underscores");
    }
  }
}

}  // namespace

Listener::Listener(const std::string& url, const std::vector<std::string>& channels, Connection::Options options)
    : connection_(url, options) {
  for (const auto& channel : channels) {
    check_channel(channel);
    connection_.exec("LISTEN " + channel);
  }
}

int Listener::backend_pid() const { return PQbackendPID(const_cast<Connection&>(connection_).handle()); }

std::vector<Notification> Listener::take() {
  std::vector<Notification> out;
  PGconn* conn = connection_.handle();
  while (PGnotify* raw = PQnotifies(conn)) {
    const std::unique_ptr<PGnotify, decltype(&PQfreemem)> notice(raw, &PQfreemem);
    out.push_back({notice->relname, notice->extra != nullptr ? notice->extra : "", notice->be_pid});
  }
  return out;
}

std::vector<Notification> Listener::wait(std::chrono::milliseconds timeout) {
  PGconn* conn = connection_.handle();
  auto ready = take();  // a query's reply may have carried some already
  if (!ready.empty()) return ready;
  const int socket = PQsocket(conn);
  if (socket < 0 || !connection_.connected()) throw error_from(conn, nullptr, "listen");
  pollfd watched{socket, POLLIN, 0};
  const int polled = ::poll(&watched, 1, static_cast<int>(timeout.count()));
  if (polled < 0 && errno != EINTR)
    throw sql::DatabaseError(sql::DatabaseError::Kind::kConnection, "", "listen: poll failed");
  if (polled > 0 && PQconsumeInput(conn) == 0) throw error_from(conn, nullptr, "listen");
  // A closed socket reads as input; libpq then reports the connection bad.
  if (!connection_.connected()) throw error_from(conn, nullptr, "listen");
  return take();
}

void notify(sql::Connection& db, std::string_view channel, std::string_view payload) {
  check_channel(channel);
  db.cached("SELECT pg_notify(?, ?)")->bind_all(channel, payload).run();
}

}  // namespace gongdan::storage::postgres
