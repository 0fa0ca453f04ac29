#pragma once

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/tickets/status.hpp"

namespace gongdan::domain {

/// What happened to a ticket, as told to whoever watches live (agents' browsers today, other
/// processes through the database later). Past tense: published only after the change committed.
enum class ActivityKind { kCreated, kUpdated, kMessageAdded };

std::string_view to_string(ActivityKind kind);

/// One committed change of one ticket: enough for a listener to decide who may see it and to
/// refresh a view, never the content (a listener reads that through the API, with its rights).
struct TicketActivity {
  ActivityKind kind = ActivityKind::kUpdated;
  core::TicketId ticket_id;
  std::string number;
  std::optional<core::GroupId> group_id;    // the group the ticket is in after the change
  std::optional<core::UserId> assignee_id;  // its assignee after the change
  Status status = Status::kNew;
  Priority priority = Priority::kNormal;
  core::Timestamp updated_at;
  bool internal = false;  // kMessageAdded: the message is an internal note
};

/// Where committed ticket changes are announced. Implementations must not block: they run on the
/// request's worker thread right after its commit.
class ActivityPublisher {
 public:
  virtual ~ActivityPublisher() = default;
  virtual void publish(const TicketActivity& activity) = 0;
};

}  // namespace gongdan::domain
