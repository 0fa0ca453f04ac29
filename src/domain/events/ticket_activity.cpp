#include "domain/events/ticket_activity.hpp"

namespace gongdan::domain {

std::string_view to_string(ActivityKind kind) {
  switch (kind) {
    case ActivityKind::kCreated: return "created";
    case ActivityKind::kUpdated: return "updated";
    case ActivityKind::kMessageAdded: return "message";
  }
  return "updated";
}

}  // namespace gongdan::domain
