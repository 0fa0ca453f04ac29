#pragma once

#include "domain/users/user_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::UserRepository on any engine (sql::Store): users and their sessions.
class SqlUserRepository final : public domain::UserRepository {
 public:
  explicit SqlUserRepository(sql::Store& store) : store_(store) {}

  core::Result<domain::User> create(const domain::NewUser& user) override;
  std::optional<domain::User> find_by_email(std::string_view lower_case_email) override;
  std::optional<domain::User> find_by_id(core::UserId id) override;
  core::Result<domain::User> update_profile(core::UserId id, const std::string& name, domain::Locale locale) override;
  core::Status mark_email_verified(core::UserId id, core::Timestamp at) override;

  std::vector<domain::User> list_users(const domain::UserFilter& filter) override;
  core::Result<domain::User> update_access(core::UserId id, std::optional<domain::Role> role,
                                           std::optional<bool> away) override;
  std::vector<std::pair<core::UserId, std::int64_t>> active_loads() override;
  core::Status create_session(const domain::Session& session) override;
  std::optional<domain::User> find_session_user(std::string_view token_digest, core::Timestamp now) override;
  core::Status revoke_session(std::string_view token_digest) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
