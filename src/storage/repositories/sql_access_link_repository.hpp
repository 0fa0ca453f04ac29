#pragma once

#include "domain/mail/mail_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::AccessLinkRepository on any engine (sql::Store): secure links by the digest of their token.
class SqlAccessLinkRepository final : public domain::AccessLinkRepository {
 public:
  explicit SqlAccessLinkRepository(sql::Store& store) : store_(store) {}

  /// Nullopt also when storage fails: a link that cannot be read opens nothing.
  std::optional<domain::AccessLink> find_by_digest(const std::string& token_digest) override;
  /// Error kNotFound for an unknown id, kConflict `link_used` when it was used before.
  core::Status mark_used(std::int64_t link_id, core::Timestamp at) override;
  /// Counts links neither revoked nor expired at `at`.
  core::Result<int> revoke_for_ticket(core::TicketId ticket, core::Timestamp at) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
