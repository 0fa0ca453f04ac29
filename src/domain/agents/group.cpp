#include "domain/agents/group.hpp"

#include <algorithm>

namespace gongdan::domain {

std::string_view to_string(AssignmentMode mode) {
  switch (mode) {
    case AssignmentMode::kManual: return "manual";
    case AssignmentMode::kRoundRobin: return "round_robin";
    case AssignmentMode::kLeastLoad: return "least_load";
  }
  return "manual";
}

std::optional<AssignmentMode> parse_assignment_mode(std::string_view text) {
  if (text == "manual") return AssignmentMode::kManual;
  if (text == "round_robin") return AssignmentMode::kRoundRobin;
  if (text == "least_load") return AssignmentMode::kLeastLoad;
  return std::nullopt;
}

std::optional<core::UserId> pick_assignee(AssignmentMode mode, const std::vector<AssignmentCandidate>& members,
                                          std::optional<core::UserId> last) {
  std::vector<const AssignmentCandidate*> present;
  for (const auto& member : members) {
    if (!member.away) present.push_back(&member);
  }
  if (present.empty() || mode == AssignmentMode::kManual) return std::nullopt;
  if (mode == AssignmentMode::kLeastLoad) {
    // Ties go to the lower id: `present` is in id order and min_element keeps the first minimum.
    const auto least = std::min_element(present.begin(), present.end(), [](const auto* a, const auto* b) {
      return a->active_tickets < b->active_tickets;
    });
    return (*least)->id;
  }
  // Round robin: the first present member after the last pick, wrapping to the lowest id. The
  // last pick may have left the group or be away; the order by id still says who is next.
  if (last) {
    for (const auto* member : present) {
      if (member->id > *last) return member->id;
    }
  }
  return present.front()->id;
}

}  // namespace gongdan::domain
