#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace gongdan::domain {

/// What a person may do: customers follow their own tickets, agents work their groups' queue,
/// supervisors every group's, admins also manage (docs/workspace.md).
enum class Role { kCustomer, kAgent, kSupervisor, kAdmin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

/// The two languages every page and mail exists in.
enum class Locale { kZhCn, kEn };

std::string_view to_string(Locale locale);
std::optional<Locale> parse_locale(std::string_view text);

/// A registered person. Emails are stored lower-cased.
struct User {
  core::UserId id;
  std::string email;
  std::string name;
  Role role = Role::kCustomer;
  Locale locale = Locale::kZhCn;
  std::string password_hash;
  core::Timestamp created_at;
  /// When the owner proved the address by opening a mailed link; empty until then.
  std::optional<core::Timestamp> email_verified_at{};
  /// Staff only: automatic assignment skips an agent who is away.
  bool away = false;

  bool is_staff() const { return role == Role::kAgent || role == Role::kSupervisor || role == Role::kAdmin; }
  /// Supervisors and admins work every group's tickets; agents only their own groups'.
  bool sees_all_groups() const { return role == Role::kSupervisor || role == Role::kAdmin; }
};

/// A user about to be stored.
struct NewUser {
  std::string email;
  std::string name;
  Role role = Role::kCustomer;
  Locale locale = Locale::kZhCn;
  std::string password_hash;
  core::Timestamp created_at;
};

/// Which users an admin lists: by role or all staff, and text in the name or email.
struct UserFilter {
  std::optional<Role> role;
  bool staff_only = false;
  std::string text;  // lower-cased; empty: any
  int limit = 100;
};

/// A signed-in session: only the token's digest is ever stored.
struct Session {
  std::string token_digest;
  core::UserId user_id;
  core::Timestamp created_at;
  core::Timestamp expires_at;
};

}  // namespace gongdan::domain
