#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/agents/group_repository.hpp"
#include "domain/users/actor.hpp"
#include "domain/users/auth_service.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain {

/// A group as an admin sends it, before checking.
struct GroupRequest {
  std::string name;
  std::optional<std::string> assignment;  // manual | round_robin | least_load; default manual
  std::vector<std::int64_t> member_ids;
};

/// An admin's change of a user's role and/or away flag.
struct AccessUpdate {
  std::optional<std::string> role;
  std::optional<bool> away;
};

/// A staff member with their groups and current load: the assignment picker and the admin page.
struct StaffMember {
  User user;
  std::vector<core::GroupId> groups;
  std::int64_t active_tickets = 0;
};

/// Everything the agents' pages need to name people and groups.
struct StaffDirectory {
  std::vector<StaffMember> staff;
  std::vector<Group> groups;
};

/// Users and groups: staff read the directory; admins manage accounts, roles and groups.
class StaffService {
 public:
  StaffService(UserRepository& users, GroupRepository& groups, AuthService& auth)
      : users_(users), groups_(groups), auth_(auth) {}

  static constexpr std::size_t kMaxGroupNameChars = 100;
  static constexpr std::size_t kMaxGroupMembers = 500;

  core::Result<StaffDirectory> directory(const Actor& actor);
  /// Creates an account for an operator (CLI, demo data): no actor. New staff join the default
  /// group, so that a fresh installation's first agent sees the queue.
  core::Result<User> add_account(const UserCommand& command);

  // Admins only.
  core::Result<std::vector<User>> list_users(const Actor& actor, const std::optional<std::string>& role,
                                             const std::string& text);
  core::Result<User> create_user(const Actor& actor, const UserCommand& command);
  core::Result<User> update_access(const Actor& actor, std::int64_t user_id, const AccessUpdate& update);
  core::Result<Group> create_group(const Actor& actor, const GroupRequest& request);
  core::Result<Group> update_group(const Actor& actor, std::int64_t group_id, const GroupRequest& request);

 private:
  core::Status require_admin(const Actor& actor) const;
  core::Result<GroupDraft> check_group(const GroupRequest& request);
  /// Puts a staff member who is in no group into the default group.
  core::Status join_default_group(const User& user);

  UserRepository& users_;
  GroupRepository& groups_;
  AuthService& auth_;
};

}  // namespace gongdan::domain
