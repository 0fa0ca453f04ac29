#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "domain/events/ticket_activity.hpp"
#include "domain/users/user.hpp"
#include "http/realtime/presence.hpp"
#include "http/server/live_endpoint.hpp"

namespace gongdan::http {

/// Delivers committed ticket changes and agents' presence to the open WebSockets: the realtime
/// side of domain::ActivityPublisher. Never blocks a publisher: a frame is handed to each
/// socket's own queue (LiveSocket::send). Thread-safe.
class ActivityHub final : public domain::ActivityPublisher {
 public:
  /// Whether `user` may learn of `activity`.
  using Visibility = std::function<bool(const domain::User&, const domain::TicketActivity&)>;
  /// Whether `user` may watch the ticket `number` (see who is on it and be seen there). Called on
  /// a worker thread, so it may read the database.
  using TicketAccess = std::function<bool(const domain::User&, std::string_view number)>;

  /// The default visibility: staff see every ticket; an internal note only staff.
  static bool staff_sees(const domain::User& user, const domain::TicketActivity& activity);
  /// The default access: staff may watch any ticket.
  static bool staff_may_watch(const domain::User& user, std::string_view number);

  explicit ActivityHub(const core::Clock& clock, Visibility visible = staff_sees,
                       TicketAccess may_watch = staff_may_watch);
  ~ActivityHub() override;
  ActivityHub(const ActivityHub&) = delete;
  ActivityHub& operator=(const ActivityHub&) = delete;

  /// The application side of one new socket of `user` (already authenticated and admitted).
  std::shared_ptr<LiveConnection> connect(domain::User user);

  void publish(const domain::TicketActivity& activity) override;
  /// Tells every socket to refetch: changes may have been missed (the link to the other server
  /// processes dropped and came back).
  void resync();
  /// Drops typing flags not refreshed within Presence::kTypingTtl and tells the watchers.
  void expire_typing();

  /// Open connections (after their handshake) of one user, and of everyone.
  std::size_t connections_of(core::UserId user) const;
  std::size_t connections() const;

 private:
  class Connection;
  using ConnectionId = Presence::ConnectionId;
  struct Client {
    std::shared_ptr<const domain::User> user;
    std::weak_ptr<LiveSocket> socket;
  };
  /// Frames to send once the lock is released: a socket's last owner may be the hub's temporary
  /// reference, and the session it ends calls back into the hub.
  using Outbox = std::vector<std::pair<std::weak_ptr<LiveSocket>, std::string>>;

  void opened(ConnectionId id, std::shared_ptr<const domain::User> user, std::weak_ptr<LiveSocket> socket);
  void received(ConnectionId id, const domain::User& user, std::string_view text);
  void closed(ConnectionId id);
  /// With the lock held: a presence frame for each ticket to each of its watchers.
  void queue_presence(const std::vector<std::string>& numbers, Outbox& out) const;
  void reply(ConnectionId id, std::string frame);
  static void deliver(Outbox& out);

  const core::Clock& clock_;
  Visibility visible_;
  TicketAccess may_watch_;
  mutable std::mutex mutex_;
  ConnectionId next_id_ = 1;
  std::unordered_map<ConnectionId, Client> clients_;
  Presence presence_;
};

}  // namespace gongdan::http
