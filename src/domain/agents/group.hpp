#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace gongdan::domain {

/// How a group hands out arriving tickets (docs/workspace.md "Groups and assignment").
enum class AssignmentMode { kManual, kRoundRobin, kLeastLoad };

std::string_view to_string(AssignmentMode mode);
std::optional<AssignmentMode> parse_assignment_mode(std::string_view text);

/// A team of agents that owns a share of the queue. Every ticket belongs to one group.
struct Group {
  core::GroupId id;
  std::string name;
  AssignmentMode assignment = AssignmentMode::kManual;
  std::vector<core::UserId> members;  // ascending ids
};

/// A group as an admin sends it: name, mode and the whole member list.
struct GroupDraft {
  std::string name;
  AssignmentMode assignment = AssignmentMode::kManual;
  std::vector<core::UserId> members;
};

/// A group member as automatic assignment sees them, read inside the ticket's write transaction.
struct AssignmentCandidate {
  core::UserId id;
  bool away = false;
  int active_tickets = 0;  // new/open/pending tickets assigned to them
};

/// The agent an arriving ticket goes to, or nothing (manual group, or nobody available).
/// `members` in ascending id order; `last` is the group's previous automatic pick.
std::optional<core::UserId> pick_assignee(AssignmentMode mode, const std::vector<AssignmentCandidate>& members,
                                          std::optional<core::UserId> last);

}  // namespace gongdan::domain
