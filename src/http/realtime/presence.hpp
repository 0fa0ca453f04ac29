#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"
#include "http/realtime/live_protocol.hpp"

namespace gongdan::http {

/// Who is on which ticket: each live connection watches at most one ticket, and may be typing a
/// reply there. Several connections of one agent (two tabs) show as one viewer, typing when any
/// of them is. Not thread-safe: the ActivityHub holds its lock around every call.
class Presence {
 public:
  using ConnectionId = std::uint64_t;

  /// A typing flag not refreshed for this long is dropped: a closed laptop or a crashed tab must
  /// not warn the other agents forever.
  static constexpr std::chrono::seconds kTypingTtl{8};

  // Each change returns the tickets whose viewer list changed (what to broadcast).

  /// Starts watching `number` (leaving the ticket watched before, if another).
  std::vector<std::string> watch(ConnectionId connection, const std::string& number, std::int64_t user_id,
                                 std::string name);
  /// Stops watching; also what a closed connection does.
  std::vector<std::string> leave(ConnectionId connection);
  /// Sets or refreshes (until now + kTypingTtl) the connection's typing flag on the ticket it watches.
  std::vector<std::string> typing(ConnectionId connection, bool typing, core::Timestamp now);
  /// Drops typing flags not refreshed in time.
  std::vector<std::string> expire(core::Timestamp now);

  /// The ticket a connection watches, if any.
  std::optional<std::string> watching(ConnectionId connection) const;
  /// The viewers of a ticket, by user id.
  std::vector<Viewer> viewers(std::string_view number) const;
  /// The connections watching a ticket.
  std::vector<ConnectionId> watchers(std::string_view number) const;

 private:
  struct Entry {
    std::string number;
    std::int64_t user_id = 0;
    std::string name;
    std::optional<core::Timestamp> typing_until;
  };

  /// Runs `change` and returns `number` if the ticket's viewer list is different afterwards.
  template <typename Change>
  std::vector<std::string> changed(const std::string& number, Change change);

  std::unordered_map<ConnectionId, Entry> entries_;
  std::map<std::string, std::set<ConnectionId>, std::less<>> by_ticket_;
};

}  // namespace gongdan::http
