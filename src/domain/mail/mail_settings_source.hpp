#pragma once

#include "domain/mail/mail_repository.hpp"
#include "domain/mail/mail_settings.hpp"

namespace gongdan::domain {

/// The mail settings in force: those saved on the admin page, else the config file's.
class MailSettingsSource {
 public:
  MailSettingsSource(MailSettingsRepository& saved, MailSettings defaults)
      : saved_(saved), defaults_(std::move(defaults)) {}
  MailSettings current() const {
    auto saved = saved_.load();
    return saved ? *saved : defaults_;
  }
  bool saved() const { return saved_.load().has_value(); }
  core::Status save(const MailSettings& settings) { return saved_.save(settings); }

 private:
  MailSettingsRepository& saved_;
  MailSettings defaults_;
};

}  // namespace gongdan::domain
