#include "http/realtime/activity_hub.hpp"

#include <algorithm>

#include "http/realtime/live_protocol.hpp"

namespace gongdan::http {

/// The hub's side of one socket; it only forwards, with its id and user, to the hub.
class ActivityHub::Connection final : public LiveConnection {
 public:
  Connection(ActivityHub& hub, ConnectionId id, std::shared_ptr<const domain::User> user)
      : hub_(hub), id_(id), user_(std::move(user)) {}
  void opened(std::weak_ptr<LiveSocket> socket) override { hub_.opened(id_, user_, std::move(socket)); }
  void received(std::string_view text) override { hub_.received(id_, *user_, text); }
  void closed() override { hub_.closed(id_); }

 private:
  ActivityHub& hub_;
  ConnectionId id_;
  std::shared_ptr<const domain::User> user_;
};

bool ActivityHub::staff_sees(const domain::User& user, const domain::TicketActivity& activity) {
  // A customer never learns of an internal note; today only staff connect at all.
  if (activity.internal && !user.is_staff()) return false;
  return user.is_staff();
}

bool ActivityHub::staff_may_watch(const domain::User& user, std::string_view) { return user.is_staff(); }

ActivityHub::ActivityHub(const core::Clock& clock, Visibility visible, TicketAccess may_watch)
    : clock_(clock), visible_(std::move(visible)), may_watch_(std::move(may_watch)) {}

ActivityHub::~ActivityHub() = default;

std::shared_ptr<LiveConnection> ActivityHub::connect(domain::User user) {
  const std::lock_guard lock(mutex_);
  return std::make_shared<Connection>(*this, next_id_++, std::make_shared<const domain::User>(std::move(user)));
}

void ActivityHub::opened(ConnectionId id, std::shared_ptr<const domain::User> user, std::weak_ptr<LiveSocket> socket) {
  Outbox out;
  {
    const std::lock_guard lock(mutex_);
    out.emplace_back(socket, hello_frame(*user));
    clients_[id] = Client{std::move(user), std::move(socket)};
  }
  deliver(out);
}

void ActivityHub::closed(ConnectionId id) {
  Outbox out;
  {
    const std::lock_guard lock(mutex_);
    clients_.erase(id);
    queue_presence(presence_.leave(id), out);
  }
  deliver(out);
}

void ActivityHub::received(ConnectionId id, const domain::User& user, std::string_view text) {
  auto message = parse_client_message(text);
  if (!message) return reply(id, error_frame(message.error().reason));
  Outbox out;
  switch (message->kind) {
    case ClientMessage::Kind::kWatch: {
      // Outside the lock: the check may read the database. A ticket the user may not see is
      // answered like one that does not exist.
      if (!may_watch_(user, message->number)) return reply(id, error_frame("not_found"));
      const std::lock_guard lock(mutex_);
      const auto client = clients_.find(id);
      if (client == clients_.end()) return;
      const auto changed = presence_.watch(id, message->number, user.id.value, user.name);
      queue_presence(changed, out);
      // The same agent in a second tab changes nobody's list, but this socket needs it too.
      if (std::find(changed.begin(), changed.end(), message->number) == changed.end()) {
        out.emplace_back(client->second.socket, presence_frame(message->number, presence_.viewers(message->number)));
      }
      break;
    }
    case ClientMessage::Kind::kUnwatch: {
      const std::lock_guard lock(mutex_);
      queue_presence(presence_.leave(id), out);
      break;
    }
    case ClientMessage::Kind::kTyping: {
      const std::lock_guard lock(mutex_);
      if (presence_.watching(id) != message->number) {
        const auto client = clients_.find(id);
        if (client != clients_.end()) out.emplace_back(client->second.socket, error_frame("not_watching"));
        break;
      }
      queue_presence(presence_.typing(id, message->typing, clock_.now()), out);
      break;
    }
  }
  deliver(out);
}

void ActivityHub::publish(const domain::TicketActivity& activity) {
  std::vector<Client> receivers;
  {
    const std::lock_guard lock(mutex_);
    receivers.reserve(clients_.size());
    for (const auto& [id, client] : clients_) receivers.push_back(client);
  }
  // Each receiver's right to know is checked outside the lock (the check may be slow).
  const std::string frame = ticket_frame(activity);
  Outbox out;
  for (const Client& client : receivers) {
    if (visible_(*client.user, activity)) out.emplace_back(client.socket, frame);
  }
  deliver(out);
}

void ActivityHub::resync() {
  const std::string frame = resync_frame();
  Outbox out;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [id, client] : clients_) out.emplace_back(client.socket, frame);
  }
  deliver(out);
}

void ActivityHub::expire_typing() {
  Outbox out;
  {
    const std::lock_guard lock(mutex_);
    queue_presence(presence_.expire(clock_.now()), out);
  }
  deliver(out);
}

std::size_t ActivityHub::connections_of(core::UserId user) const {
  const std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [id, client] : clients_) n += client.user->id == user ? 1 : 0;
  return n;
}

std::size_t ActivityHub::connections() const {
  const std::lock_guard lock(mutex_);
  return clients_.size();
}

void ActivityHub::queue_presence(const std::vector<std::string>& numbers, Outbox& out) const {
  for (const std::string& number : numbers) {
    const std::string frame = presence_frame(number, presence_.viewers(number));
    for (const ConnectionId watcher : presence_.watchers(number)) {
      const auto client = clients_.find(watcher);
      if (client != clients_.end()) out.emplace_back(client->second.socket, frame);
    }
  }
}

void ActivityHub::reply(ConnectionId id, std::string frame) {
  Outbox out;
  {
    const std::lock_guard lock(mutex_);
    const auto client = clients_.find(id);
    if (client == clients_.end()) return;
    out.emplace_back(client->second.socket, std::move(frame));
  }
  deliver(out);
}

void ActivityHub::deliver(Outbox& out) {
  for (auto& [socket, frame] : out) {
    if (auto open = socket.lock()) open->send(std::move(frame));
  }
}

}  // namespace gongdan::http
