#include "domain/agents/staff_service.hpp"

#include <algorithm>
#include <map>

#include "core/utf8.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {

core::Status StaffService::require_admin(const Actor& actor) const {
  if (!actor.user) return core::Error::unauthenticated();
  if (actor.user->role != Role::kAdmin) return core::Error::forbidden("Only administrators may do this.");
  return core::ok_status();
}

core::Result<StaffDirectory> StaffService::directory(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (!actor.is_staff()) return core::Error::forbidden("Only agents may do this.");
  StaffDirectory directory;
  directory.groups = groups_.list();
  std::map<std::int64_t, std::int64_t> loads;
  for (const auto& [id, count] : users_.active_loads()) loads[id.value] = count;
  UserFilter filter;
  filter.staff_only = true;
  filter.limit = 500;
  for (auto& user : users_.list_users(filter)) {
    StaffMember member{std::move(user), {}, 0};
    for (const auto& group : directory.groups) {
      if (std::find(group.members.begin(), group.members.end(), member.user.id) != group.members.end())
        member.groups.push_back(group.id);
    }
    if (const auto it = loads.find(member.user.id.value); it != loads.end()) member.active_tickets = it->second;
    directory.staff.push_back(std::move(member));
  }
  return directory;
}

core::Result<std::vector<User>> StaffService::list_users(const Actor& actor, const std::optional<std::string>& role,
                                                         const std::string& text) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  UserFilter filter;
  if (role && !role->empty()) {
    filter.role = parse_role(*role);
    if (!filter.role) return core::Error::field("role", "invalid", "One of customer, agent, supervisor, admin.");
  }
  if (auto e = check_text("q", text, 100, Presence::kOptional)) return core::Error::validation({*e});
  filter.text = core::ascii_lower(core::trim(text));
  filter.limit = 200;
  return users_.list_users(filter);
}

core::Result<User> StaffService::add_account(const UserCommand& command) {
  auto user = auth_.add_user(command);
  if (!user) return user;
  if (auto joined = join_default_group(*user); !joined) return joined.take_error();
  return user;
}

core::Status StaffService::join_default_group(const User& user) {
  if (!user.is_staff() || !groups_.groups_of(user.id).empty()) return core::ok_status();
  const auto group = groups_.default_group();
  if (!group) return core::ok_status();
  return groups_.add_member(*group, user.id);
}

core::Result<User> StaffService::create_user(const Actor& actor, const UserCommand& command) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  return add_account(command);
}

core::Result<User> StaffService::update_access(const Actor& actor, std::int64_t user_id, const AccessUpdate& update) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  std::optional<Role> role;
  if (update.role) {
    role = parse_role(*update.role);
    if (!role) return core::Error::field("role", "invalid", "One of customer, agent, supervisor, admin.");
    // An admin cannot lock themselves out: another admin must take the role away.
    if (actor.user->id.value == user_id && *role != Role::kAdmin) {
      return core::Error::conflict("own_role", "You cannot change your own role.");
    }
  }
  if (!update.role && !update.away) return core::Error::field("role", "required", "Give a role or away.");
  const auto target = users_.find_by_id(core::UserId{user_id});
  if (!target) return core::Error::not_found("No such user.");
  const bool stays_staff = role ? (*role != Role::kCustomer) : target->is_staff();
  if (update.away && *update.away && !stays_staff)
    return core::Error::field("away", "invalid", "Only staff can be away.");
  auto changed = users_.update_access(target->id, role, update.away);
  if (!changed) return changed;
  if (auto joined = join_default_group(*changed); !joined) return joined.take_error();
  return changed;
}

core::Result<GroupDraft> StaffService::check_group(const GroupRequest& request) {
  std::vector<core::FieldError> errors;
  GroupDraft draft;
  if (auto e = check_text("name", request.name, kMaxGroupNameChars)) errors.push_back(*e);
  draft.name = std::string(core::trim(request.name));
  if (request.assignment) {
    if (auto mode = parse_assignment_mode(*request.assignment))
      draft.assignment = *mode;
    else
      errors.push_back({"assignment", "invalid", "One of manual, round_robin, least_load."});
  }
  if (request.member_ids.size() > kMaxGroupMembers) {
    errors.push_back({"member_ids", "too_many", "At most " + std::to_string(kMaxGroupMembers) + " members."});
  } else {
    for (const auto id : request.member_ids) {
      const auto user = users_.find_by_id(core::UserId{id});
      if (!user || !user->is_staff()) {
        errors.push_back({"member_ids", "unknown_user", "No agent with id " + std::to_string(id) + "."});
        break;
      }
      draft.members.push_back(user->id);
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  std::sort(draft.members.begin(), draft.members.end());
  draft.members.erase(std::unique(draft.members.begin(), draft.members.end()), draft.members.end());
  return draft;
}

core::Result<Group> StaffService::create_group(const Actor& actor, const GroupRequest& request) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto draft = check_group(request);
  if (!draft) return draft.take_error();
  return groups_.create(*draft);
}

core::Result<Group> StaffService::update_group(const Actor& actor, std::int64_t group_id, const GroupRequest& request) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto draft = check_group(request);
  if (!draft) return draft.take_error();
  return groups_.update(core::GroupId{group_id}, *draft);
}

}  // namespace gongdan::domain
