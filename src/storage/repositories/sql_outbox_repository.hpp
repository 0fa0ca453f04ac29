#pragma once

#include "domain/mail/mail_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::OutboxRepository on any engine (sql::Store). A claim never hands one mail to two
/// senders, however many processes claim: on SQLite every state change is one write job on the
/// single writer, so a claim's select-then-update cannot interleave with another claim (in this
/// process or, through BEGIN IMMEDIATE, in another); on PostgreSQL a claim is one UPDATE of rows
/// locked FOR UPDATE SKIP LOCKED, so concurrent claimers skip each other's rows instead of waiting.
/// A mail whose lease ended (its sender died) is claimed again. Lists page by (created_at, id),
/// newest first.
class SqlOutboxRepository final : public domain::OutboxRepository {
 public:
  /// Longest page list() returns, whatever the query asks for.
  static constexpr int kMaxLimit = 200;

  explicit SqlOutboxRepository(sql::Store& store) : store_(store) {}

  core::Status enqueue(const domain::MailEffects& effects, core::Timestamp now) override;
  core::Result<std::vector<domain::OutboxEntry>> claim_due(core::Timestamp now, core::Timestamp lease_until,
                                                           int limit) override;
  core::Status mark_sent(domain::OutboxId id, core::Timestamp at) override;
  core::Status mark_failed(domain::OutboxId id, std::string error, std::optional<core::Timestamp> retry_at) override;
  /// Also starts the attempt count again, so the retried mail gets the full back-off schedule.
  core::Status retry(domain::OutboxId id, core::Timestamp now) override;
  std::optional<domain::OutboxEntry> find(domain::OutboxId id) override;
  core::Result<domain::Page<domain::OutboxEntry>> list(const domain::OutboxQuery& query) override;
  /// Fails closed: when storage cannot answer, the count is above any cap.
  int count_recent(domain::MailKind kind, const std::string& email, core::Timestamp since) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
