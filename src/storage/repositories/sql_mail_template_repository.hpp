#pragma once

#include "domain/mail/mail_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::MailTemplateRepository on any engine (sql::Store): one row per customized kind and language.
class SqlMailTemplateRepository final : public domain::MailTemplateRepository {
 public:
  explicit SqlMailTemplateRepository(sql::Store& store) : store_(store) {}

  /// Empty also when storage fails: the shipped texts then apply.
  std::vector<domain::MailTemplate> customized() override;
  /// Inserts or replaces. Error kInvalid without `updated_at`: the admin page shows when.
  core::Status save(const domain::MailTemplate& mail_template) override;
  core::Status reset(domain::MailKind kind, domain::Locale locale) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
