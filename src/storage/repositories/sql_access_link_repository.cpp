#include "storage/repositories/sql_access_link_repository.hpp"

#include "storage/repositories/mail_rows.hpp"

namespace gongdan::storage {

using sql::Connection;

std::optional<domain::AccessLink> SqlAccessLinkRepository::find_by_digest(const std::string& token_digest) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::AccessLink> {
    auto query = db.cached(std::string(kSelectAccessLink) + "WHERE token_digest = ?");
    if (!query->bind(1, token_digest).step()) return std::nullopt;
    return read_access_link(*query);
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Status SqlAccessLinkRepository::mark_used(std::int64_t link_id, core::Timestamp at) {
  return store_.write([&](Connection& db) -> core::Status {
    // The condition and the change are one statement: of two uses, exactly one finds it unused,
    // whichever engine or process runs them.
    db.cached("UPDATE access_links SET used_at = ? WHERE id = ? AND used_at IS NULL")
        ->bind_all(core::to_epoch_ms(at), link_id)
        .run();
    if (db.changes() == 1) return core::ok_status();
    auto exists = db.cached("SELECT 1 FROM access_links WHERE id = ?");
    if (!exists->bind(1, link_id).step()) return core::Error::not_found("No such link.");
    return core::Error::conflict("link_used", "The link was used already.");
  });
}

core::Result<int> SqlAccessLinkRepository::revoke_for_ticket(core::TicketId ticket, core::Timestamp at) {
  return store_.write([&](Connection& db) -> core::Result<int> {
    db.cached("UPDATE access_links SET revoked_at = ? WHERE ticket_id = ? AND revoked_at IS NULL AND expires_at > ?")
        ->bind_all(core::to_epoch_ms(at), ticket.value, core::to_epoch_ms(at))
        .run();
    return static_cast<int>(db.changes());
  });
}

}  // namespace gongdan::storage
