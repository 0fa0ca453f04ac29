#include "storage/sqlite/sqlite_inbound_mail_log.hpp"

#include "core/utf8.hpp"

namespace gongdan::storage {

using sqlite::Connection;

core::Result<bool> SqliteInboundMailLog::record(const std::string& message_id, const std::string& sender,
                                                std::string outcome, core::Timestamp at) {
  const std::string address = core::ascii_lower(sender);
  return store_.write([&](Connection& db) -> core::Result<bool> {
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a redelivered message changes nothing.
    db.cached(
          "INSERT INTO inbound_mail (message_id, sender, outcome, received_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (message_id) DO NOTHING")
        ->bind_all(message_id, address, outcome, core::to_epoch_ms(at))
        .run();
    return db.changes() == 1;
  });
}

bool SqliteInboundMailLog::seen(const std::string& message_id) {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached("SELECT 1 FROM inbound_mail WHERE message_id = ?");
    query->bind_all(message_id);
    return query->step();
  });
  // A failed read answers "not seen": handling the mail again is safe, record() stops a duplicate.
  return found.ok() && found.value();
}

int SqliteInboundMailLog::count_from(const std::string& sender, core::Timestamp since) {
  const std::string address = core::ascii_lower(sender);
  auto counted = store_.read([&](Connection& db) {
    auto query = db.cached("SELECT COUNT(*) FROM inbound_mail WHERE sender = ? AND received_at >= ?");
    query->bind_all(address, core::to_epoch_ms(since));
    query->step();
    return query->int32(0);
  });
  return counted.ok() ? counted.value() : 0;
}

}  // namespace gongdan::storage
