#include "storage/repositories/sql_inbound_mail_log.hpp"

#include "core/utf8.hpp"

namespace gongdan::storage {

using sql::Connection;

// The outcome of a claim not finished yet.
constexpr const char* kProcessing = "processing";

core::Result<bool> SqlInboundMailLog::claim(const std::string& message_id, const std::string& sender,
                                            core::Timestamp at, core::Timestamp stale_before) {
  const std::string address = core::ascii_lower(sender);
  return store_.write([&](Connection& db) -> core::Result<bool> {
    // An upsert with a condition (SQLite and PostgreSQL alike): a new message is inserted; a claim
    // left unfinished by a handler that died is taken over once it is stale; anything else stays.
    db.cached(
          "INSERT INTO inbound_mail (message_id, sender, outcome, received_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (message_id) DO UPDATE SET received_at = excluded.received_at "
          "WHERE inbound_mail.outcome = ? AND inbound_mail.received_at < ?")
        ->bind_all(message_id, address, kProcessing, core::to_epoch_ms(at), kProcessing,
                   core::to_epoch_ms(stale_before))
        .run();
    return db.changes() == 1;
  });
}

core::Status SqlInboundMailLog::finish(const std::string& message_id, const std::string& outcome) {
  return store_.write([&](Connection& db) -> core::Status {
    db.cached("UPDATE inbound_mail SET outcome = ? WHERE message_id = ?")->bind_all(outcome, message_id).run();
    return core::ok_status();
  });
}

core::Status SqlInboundMailLog::release(const std::string& message_id) {
  return store_.write([&](Connection& db) -> core::Status {
    db.cached("DELETE FROM inbound_mail WHERE message_id = ? AND outcome = ?")->bind_all(message_id, kProcessing).run();
    return core::ok_status();
  });
}

int SqlInboundMailLog::count_from(const std::string& sender, core::Timestamp since) {
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
