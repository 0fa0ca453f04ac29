#pragma once

#include "domain/mail/mail_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::InboundMailLog on any engine (sql::Store): one row per Message-ID in `inbound_mail`.
class SqlInboundMailLog final : public domain::InboundMailLog {
 public:
  explicit SqlInboundMailLog(sql::Store& store) : store_(store) {}

  core::Result<bool> claim(const std::string& message_id, const std::string& sender, core::Timestamp at,
                           core::Timestamp stale_before) override;
  core::Status finish(const std::string& message_id, const std::string& outcome) override;
  core::Status release(const std::string& message_id) override;
  /// Answers 0 when storage fails: the mail is then not dropped as a loop; claiming it fails
  /// too, and the MTA retries later.
  int count_from(const std::string& sender, core::Timestamp since) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
