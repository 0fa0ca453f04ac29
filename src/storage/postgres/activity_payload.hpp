#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/events/ticket_activity.hpp"

namespace gongdan::storage::postgres {

/// A committed ticket change as it travels between processes in a NOTIFY payload: the activity's
/// fields (ids, number, status, never content) and the sending process's origin token, so that a
/// process skips its own. Well under PostgreSQL's 8000-byte payload limit.
std::string encode_activity(std::string_view origin, const domain::TicketActivity& activity);

struct ReceivedActivity {
  std::string origin;
  domain::TicketActivity activity;
};

/// The payload encode_activity made, or nullopt for anything else (another program's NOTIFY on
/// the channel, a payload from a newer or older version with fields this one does not know).
std::optional<ReceivedActivity> decode_activity(std::string_view payload);

}  // namespace gongdan::storage::postgres
