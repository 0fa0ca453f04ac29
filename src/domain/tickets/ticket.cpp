#include "domain/tickets/ticket.hpp"

namespace gongdan::domain {

std::string_view to_string(EventType type) {
  if (type == EventType::kFieldChanged) return "field_changed";
  return type == EventType::kPriorityChanged ? "priority_changed" : "status_changed";
}

}  // namespace gongdan::domain
