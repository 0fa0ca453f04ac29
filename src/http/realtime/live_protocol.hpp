#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/events/ticket_activity.hpp"
#include "domain/users/user.hpp"

namespace gongdan::http {

// The JSON text frames of /api/v1/ws (docs/workspace.md "Live updates"); the only code that knows
// their wire names.

/// A frame a client may send: `watch` a ticket (one at a time per socket), `unwatch`, or say it is
/// (not) `typing` a reply on the ticket it watches.
struct ClientMessage {
  enum class Kind { kWatch, kUnwatch, kTyping };
  Kind kind = Kind::kUnwatch;
  std::string number;  // canonical ticket number (watch, typing)
  bool typing = false;
};

/// Reads one client frame. Anything else (not JSON, not an object, unknown type, a bad ticket
/// number, wrong types) is Error kInvalid with reason `bad_message`; never throws.
core::Result<ClientMessage> parse_client_message(std::string_view text);

/// One agent on a ticket, as the presence frame lists them.
struct Viewer {
  std::int64_t id = 0;
  std::string name;
  bool typing = false;
  bool operator==(const Viewer&) const = default;
};

std::string hello_frame(const domain::User& user);
std::string ticket_frame(const domain::TicketActivity& activity);
std::string presence_frame(std::string_view number, const std::vector<Viewer>& viewers);
std::string error_frame(std::string_view code);
/// Tells a client it may have missed ticket changes and should refetch what it shows.
std::string resync_frame();

}  // namespace gongdan::http
