#include "storage/repositories/sql_outbox_repository.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <variant>

#include "core/utf8.hpp"
#include "storage/repositories/mail_effects_writer.hpp"
#include "storage/repositories/mail_payload.hpp"
#include "storage/repositories/mail_rows.hpp"
#include "storage/sql/page_cursor.hpp"

namespace gongdan::storage {
namespace {

using sql::Connection;

// Cursor tag of the newest-first order: cursors of other lists are refused.
constexpr std::string_view kNewestTag = "o";

// The mail a claim takes: queued and due, or held by a sender whose lease ended.
constexpr std::string_view kClaimable =
    "(state = 'queued' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until < ?)";

// SQLite: the due mail, oldest first (binds: now, now, limit); each is then leased by kLease.
// The single writer runs nothing else in between.
const std::string& select_due_sqlite() {
  static const std::string text =
      std::string(kSelectOutbox) + "WHERE " + std::string(kClaimable) + " ORDER BY next_attempt_at, id LIMIT ?";
  return text;
}
constexpr std::string_view kLease = "UPDATE outbox SET state = 'sending', lease_until = ? WHERE id = ?";

// PostgreSQL (docs/postgres.md "Background work claimed once"): select, lock and lease in one
// statement (binds: lease_until, now, now, limit). Rows another claimer has locked are skipped,
// not waited for; one it leased meanwhile fails kClaimable when re-checked after its commit. The
// CTE is named after the table so that kSelectOutbox reads the leased rows as the UPDATE left
// them (inside the CTE, `outbox` is still the table).
const std::string& claim_postgres() {
  static const std::string text =
      "WITH outbox AS (UPDATE outbox SET state = 'sending', lease_until = ? "
      "WHERE id IN (SELECT id FROM outbox WHERE " +
      std::string(kClaimable) + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *) " +
      std::string(kSelectOutbox) + "ORDER BY next_attempt_at, id";
  return text;
}

std::optional<domain::OutboxEntry> load_entry(Connection& db, domain::OutboxId id) {
  auto query = db.cached(std::string(kSelectOutbox) + "WHERE id = ?");
  if (!query->bind(1, id.value).step()) return std::nullopt;
  return read_outbox_entry(*query);
}

}  // namespace

core::Status SqlOutboxRepository::enqueue(const domain::MailEffects& effects, core::Timestamp now) {
  return store_.write([&](Connection& db) -> core::Status {
    write_mail_effects(db, effects, std::nullopt, std::nullopt, now);
    return core::ok_status();
  });
}

core::Result<std::vector<domain::OutboxEntry>> SqlOutboxRepository::claim_due(core::Timestamp now,
                                                                              core::Timestamp lease_until, int limit) {
  const std::int64_t now_ms = core::to_epoch_ms(now);
  const std::int64_t lease_ms = core::to_epoch_ms(lease_until);
  return store_.write([&](Connection& db) -> core::Result<std::vector<domain::OutboxEntry>> {
    std::vector<domain::OutboxEntry> claimed;
    if (db.dialect() == sql::Dialect::kPostgres) {
      auto claim = db.cached(claim_postgres());
      claim->bind_all(lease_ms, now_ms, now_ms, std::max(limit, 0));
      while (claim->step()) claimed.push_back(read_outbox_entry(*claim));
      return claimed;
    }
    auto due = db.cached(select_due_sqlite());
    due->bind_all(now_ms, now_ms, std::max(limit, 0));
    while (due->step()) claimed.push_back(read_outbox_entry(*due));
    auto lease = db.cached(kLease);
    for (auto& entry : claimed) {
      lease->bind_all(lease_ms, entry.id.value).run();
      lease->reset();
      entry.state = domain::OutboxState::kSending;
    }
    return claimed;
  });
}

core::Status SqlOutboxRepository::mark_sent(domain::OutboxId id, core::Timestamp at) {
  return store_.write([&](Connection& db) -> core::Status {
    auto payload = db.cached("SELECT payload FROM outbox WHERE id = ?");
    if (!payload->bind(1, id.value).step()) return core::Error::not_found("No such mail.");
    // The link is a live credential: once delivered, the outbox has no reason to keep it.
    const std::string redacted = redacted_payload(payload->text(0));
    payload->reset();
    db.cached(
          "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, lease_until = NULL, payload = ? "
          "WHERE id = ?")
        ->bind_all(core::to_epoch_ms(at), redacted, id.value)
        .run();
    return core::ok_status();
  });
}

core::Status SqlOutboxRepository::mark_failed(domain::OutboxId id, std::string error,
                                              std::optional<core::Timestamp> retry_at) {
  return store_.write([&](Connection& db) -> core::Status {
    if (retry_at) {
      db.cached(
            "UPDATE outbox SET state = 'queued', attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
            "lease_until = NULL WHERE id = ? AND state = 'sending'")
          ->bind_all(error, core::to_epoch_ms(*retry_at), id.value)
          .run();
    } else {
      db.cached(
            "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, lease_until = NULL "
            "WHERE id = ? AND state = 'sending'")
          ->bind_all(error, id.value)
          .run();
    }
    // A late report from a sender whose lease ran out must not re-queue what another sent.
    if (db.changes() == 0) return core::Error::not_found("No such mail being sent.");
    return core::ok_status();
  });
}

core::Status SqlOutboxRepository::retry(domain::OutboxId id, core::Timestamp now) {
  return store_.write([&](Connection& db) -> core::Status {
    auto state = db.cached("SELECT state FROM outbox WHERE id = ?");
    if (!state->bind(1, id.value).step()) return core::Error::not_found("No such mail.");
    if (outbox_state_from(state->text(0)) != domain::OutboxState::kFailed) {
      return core::Error::conflict("not_failed", "Only a failed mail can be retried.");
    }
    state->reset();
    db.cached("UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?")
        ->bind_all(core::to_epoch_ms(now), id.value)
        .run();
    return core::ok_status();
  });
}

std::optional<domain::OutboxEntry> SqlOutboxRepository::find(domain::OutboxId id) {
  auto found = store_.read([&](Connection& db) { return load_entry(db, id); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::Page<domain::OutboxEntry>> SqlOutboxRepository::list(const domain::OutboxQuery& query) {
  std::optional<std::vector<std::int64_t>> after;
  if (!query.cursor.empty()) {
    after = sql::PageCursor::decode(query.cursor, kNewestTag, 2);
    if (!after) return core::Error::field("cursor", "invalid", "The cursor is not one this list gave out.");
  }
  const int limit = std::clamp(query.limit, 1, kMaxLimit);
  std::string sql = std::string(kSelectOutbox) + "WHERE 1 = 1";
  std::vector<std::variant<std::int64_t, std::string>> values;
  if (!query.states.empty()) {
    sql += " AND state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      values.emplace_back(std::string(domain::to_string(query.states[i])));
    }
    sql += ")";
  }
  if (!query.recipient.empty()) {
    sql += " AND to_email = ?";
    values.emplace_back(core::ascii_lower(query.recipient));
  }
  if (after) {
    const auto& k = *after;  // created_at, id
    sql += " AND (created_at < ? OR (created_at = ? AND id < ?))";
    values.insert(values.end(), {k[0], k[0], k[1]});
  }
  // One row more than the page tells whether another page follows.
  sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
  values.emplace_back(static_cast<std::int64_t>(limit) + 1);

  return store_.read([&](Connection& db) {
    // Filters change the SQL text, so this statement is not cached.
    auto statement = db.prepare(sql);
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::visit([&](const auto& value) { statement.bind(static_cast<int>(i + 1), value); }, values[i]);
    }
    domain::Page<domain::OutboxEntry> page;
    while (statement.step()) page.items.push_back(read_outbox_entry(statement));
    if (page.items.size() > static_cast<std::size_t>(limit)) {
      page.items.resize(static_cast<std::size_t>(limit));
      const auto& last = page.items.back();
      const std::array<std::int64_t, 2> keys{core::to_epoch_ms(last.created_at), last.id.value};
      page.next_cursor = sql::PageCursor::encode(kNewestTag, keys);
    }
    return page;
  });
}

int SqlOutboxRepository::count_recent(domain::MailKind kind, const std::string& email, core::Timestamp since) {
  const std::string address = core::ascii_lower(email);
  auto counted = store_.read([&](Connection& db) {
    auto query = db.cached("SELECT COUNT(*) FROM outbox WHERE to_email = ? AND kind = ? AND created_at >= ?");
    query->bind_all(address, domain::to_string(kind), core::to_epoch_ms(since));
    query->step();
    return query->int32(0);
  });
  // A stranger must not get unlimited mail sent to an address just because a read failed.
  return counted.ok() ? counted.value() : std::numeric_limits<int>::max();
}

}  // namespace gongdan::storage
