#include "http/realtime/presence.hpp"

#include <algorithm>

namespace gongdan::http {

template <typename Change>
std::vector<std::string> Presence::changed(const std::string& number, Change change) {
  const auto before = viewers(number);
  change();
  if (viewers(number) == before) return {};
  return {number};
}

std::vector<std::string> Presence::watch(ConnectionId connection, const std::string& number, std::int64_t user_id,
                                         std::string name) {
  std::vector<std::string> out;
  if (const auto current = watching(connection)) {
    if (*current == number) return out;
    out = leave(connection);
  }
  auto joined = changed(number, [&] {
    entries_[connection] = Entry{number, user_id, std::move(name), std::nullopt};
    by_ticket_[number].insert(connection);
  });
  out.insert(out.end(), joined.begin(), joined.end());
  return out;
}

std::vector<std::string> Presence::leave(ConnectionId connection) {
  const auto it = entries_.find(connection);
  if (it == entries_.end()) return {};
  const std::string number = it->second.number;
  return changed(number, [&] {
    entries_.erase(it);
    const auto watchers = by_ticket_.find(number);
    watchers->second.erase(connection);
    if (watchers->second.empty()) by_ticket_.erase(watchers);
  });
}

std::vector<std::string> Presence::typing(ConnectionId connection, bool typing, core::Timestamp now) {
  const auto it = entries_.find(connection);
  if (it == entries_.end()) return {};
  return changed(it->second.number, [&] {
    if (typing)
      it->second.typing_until = now + kTypingTtl;
    else
      it->second.typing_until.reset();
  });
}

std::vector<std::string> Presence::expire(core::Timestamp now) {
  std::vector<std::string> out;
  for (auto& [number, connections] : by_ticket_) {
    auto expired = changed(number, [&] {
      for (const ConnectionId c : connections) {
        auto& until = entries_.at(c).typing_until;
        if (until && *until <= now) until.reset();
      }
    });
    out.insert(out.end(), expired.begin(), expired.end());
  }
  return out;
}

std::optional<std::string> Presence::watching(ConnectionId connection) const {
  const auto it = entries_.find(connection);
  if (it == entries_.end()) return std::nullopt;
  return it->second.number;
}

std::vector<Viewer> Presence::viewers(std::string_view number) const {
  std::vector<Viewer> out;
  const auto it = by_ticket_.find(number);
  if (it == by_ticket_.end()) return out;
  for (const ConnectionId c : it->second) {
    const Entry& e = entries_.at(c);
    const bool typing = e.typing_until.has_value();
    const auto same = std::find_if(out.begin(), out.end(), [&](const Viewer& v) { return v.id == e.user_id; });
    if (same == out.end())
      out.push_back({e.user_id, e.name, typing});
    else
      same->typing = same->typing || typing;
  }
  std::sort(out.begin(), out.end(), [](const Viewer& a, const Viewer& b) { return a.id < b.id; });
  return out;
}

std::vector<Presence::ConnectionId> Presence::watchers(std::string_view number) const {
  const auto it = by_ticket_.find(number);
  if (it == by_ticket_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

}  // namespace gongdan::http
