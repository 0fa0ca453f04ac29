#pragma once

#include <optional>
#include <vector>

#include "core/result.hpp"
#include "domain/agents/group.hpp"

namespace gongdan::domain {

/// Where groups and their members live. Implemented per storage engine.
class GroupRepository {
 public:
  virtual ~GroupRepository() = default;
  /// Every group with its members, by name.
  virtual std::vector<Group> list() = 0;
  virtual std::optional<Group> find(core::GroupId id) = 0;
  /// Error kConflict with reason `name_taken` when another group has the name.
  virtual core::Result<Group> create(const GroupDraft& draft) = 0;
  /// Replaces name, mode and members. Error kNotFound, or kConflict `name_taken`.
  virtual core::Result<Group> update(core::GroupId id, const GroupDraft& draft) = 0;
  /// Adds one member (nothing when already one). Error kNotFound when the group is gone.
  virtual core::Status add_member(core::GroupId group, core::UserId user) = 0;
  /// The group that takes tickets no category routes: the lowest id.
  virtual std::optional<core::GroupId> default_group() = 0;
  /// The groups a user is a member of, ascending.
  virtual std::vector<core::GroupId> groups_of(core::UserId user) = 0;
};

}  // namespace gongdan::domain
