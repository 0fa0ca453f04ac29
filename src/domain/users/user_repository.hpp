#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// Where users and their sessions live. Implemented per storage engine.
class UserRepository {
 public:
  virtual ~UserRepository() = default;
  /// Stores a user; Error kConflict with reason `email_taken` when the email exists.
  virtual core::Result<User> create(const NewUser& user) = 0;
  virtual std::optional<User> find_by_email(std::string_view lower_case_email) = 0;
  virtual std::optional<User> find_by_id(core::UserId id) = 0;
  /// Changes the user's display name and language; Error kNotFound when the user is gone.
  virtual core::Result<User> update_profile(core::UserId id, const std::string& name, Locale locale) = 0;
  /// Records that the user opened a link mailed to their address; the first time is kept.
  /// Error kNotFound when the user is gone.
  virtual core::Status mark_email_verified(core::UserId id, core::Timestamp at) = 0;
  /// Users matching the filter, staff first, then by name; at most filter.limit.
  virtual std::vector<User> list_users(const UserFilter& filter) = 0;
  /// Changes a user's role and/or away flag. Error kNotFound when the user is gone.
  virtual core::Result<User> update_access(core::UserId id, std::optional<Role> role, std::optional<bool> away) = 0;
  /// A staff member's number of new/open/pending tickets assigned to them, by user id.
  virtual std::vector<std::pair<core::UserId, std::int64_t>> active_loads() = 0;

  virtual core::Status create_session(const Session& session) = 0;
  /// The user whose live session (not expired at `now`) has this digest, if any. One read: every
  /// signed-in request asks it first.
  virtual std::optional<User> find_session_user(std::string_view token_digest, core::Timestamp now) = 0;
  virtual core::Status revoke_session(std::string_view token_digest) = 0;
};

}  // namespace gongdan::domain
