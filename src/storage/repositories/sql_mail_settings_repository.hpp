#pragma once

#include "core/clock.hpp"
#include "domain/mail/mail_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::MailSettingsRepository on any engine (sql::Store): MailSettings as one JSON value under the key `mail`
/// of `settings`. Passwords are stored as given: the sender needs them to authenticate.
class SqlMailSettingsRepository final : public domain::MailSettingsRepository {
 public:
  /// `clock` stamps `updated_at` and must outlive the repository.
  SqlMailSettingsRepository(sql::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

  /// Nullopt also when storage fails or the stored value is unreadable (reported to the error
  /// sink): the configuration file's values then apply. Fields missing from the value keep
  /// their defaults.
  std::optional<domain::MailSettings> load() override;
  core::Status save(const domain::MailSettings& settings) override;

 private:
  sql::Store& store_;
  const core::Clock& clock_;
};

}  // namespace gongdan::storage
