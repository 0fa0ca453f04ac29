#include "storage/repositories/sql_user_repository.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "storage/repositories/rows.hpp"
#include "storage/repositories/search_index_writer.hpp"
#include "storage/sql/like_pattern.hpp"

namespace gongdan::storage {
namespace {

using sql::Connection;

constexpr std::string_view kSelectUser =
    "SELECT id, email, name, role, locale, password_hash, created_at, email_verified_at, away FROM users ";

domain::User read_user(const sql::Statement& row) {
  domain::User user;
  user.id = core::UserId{row.int64(0)};
  user.email = row.text(1);
  user.name = row.text(2);
  user.role = role_from(row.text(3));
  user.locale = domain::parse_locale(row.text(4)).value_or(domain::Locale::kZhCn);
  user.password_hash = row.text(5);
  user.created_at = core::from_epoch_ms(row.int64(6));
  if (const auto verified = row.optional_int64(7)) user.email_verified_at = core::from_epoch_ms(*verified);
  user.away = row.boolean(8);
  return user;
}

std::optional<domain::User> find_user(Connection& db, std::string_view where, const auto& key) {
  auto query = db.cached(std::string(kSelectUser) + std::string(where));
  query->bind(1, key);
  if (!query->step()) return std::nullopt;
  return read_user(*query);
}

}  // namespace

core::Result<domain::User> SqlUserRepository::create(const domain::NewUser& user) {
  const std::string email = core::ascii_lower(user.email);
  return store_.write([&](Connection& db) -> core::Result<domain::User> {
    // No row back: the address is taken. The check is the INSERT itself, so it cannot race
    // another process's insert on PostgreSQL (the second waits for the first, then inserts nothing).
    auto insert = db.cached(
        "INSERT INTO users (email, name, role, locale, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (email) DO NOTHING RETURNING id");
    insert->bind_all(email, user.name, domain::to_string(user.role), domain::to_string(user.locale), user.password_hash,
                     core::to_epoch_ms(user.created_at));
    if (!insert->step()) return core::Error::conflict("email_taken", "An account with this email already exists.");
    return domain::User{
        core::UserId{insert->int64(0)}, email, user.name, user.role, user.locale, user.password_hash, user.created_at};
  });
}

std::optional<domain::User> SqlUserRepository::find_by_email(std::string_view lower_case_email) {
  const std::string email = core::ascii_lower(lower_case_email);
  auto found = store_.read([&](Connection& db) { return find_user(db, "WHERE email = ?", email); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

std::optional<domain::User> SqlUserRepository::find_by_id(core::UserId id) {
  auto found = store_.read([&](Connection& db) { return find_user(db, "WHERE id = ?", id.value); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::User> SqlUserRepository::update_profile(core::UserId id, const std::string& name,
                                                             domain::Locale locale) {
  return store_.write([&](Connection& db) -> core::Result<domain::User> {
    auto before = find_user(db, "WHERE id = ?", id.value);
    if (!before) return core::Error::not_found("No such user.");
    db.cached("UPDATE users SET name = ?, locale = ? WHERE id = ?")
        ->bind_all(name, domain::to_string(locale), id.value)
        .run();
    // Staff search finds tickets by their customer's name, in the same transaction.
    if (before->name != name) reindex_customer_tickets(db, id);
    auto user = find_user(db, "WHERE id = ?", id.value);
    if (!user) return core::Error::not_found("No such user.");
    return std::move(*user);
  });
}

core::Status SqlUserRepository::mark_email_verified(core::UserId id, core::Timestamp at) {
  return store_.write([&](Connection& db) -> core::Status {
    // The first proof is the one worth keeping; later links only confirm it again.
    db.cached("UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?) WHERE id = ?")
        ->bind_all(core::to_epoch_ms(at), id.value)
        .run();
    if (db.changes() == 0) return core::Error::not_found("No such user.");
    return core::ok_status();
  });
}

core::Status SqlUserRepository::create_session(const domain::Session& session) {
  return store_.write([&](Connection& db) -> core::Status {
    auto insert = db.cached("INSERT INTO sessions (token_digest, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    insert
        ->bind_all(session.token_digest, session.user_id.value, core::to_epoch_ms(session.created_at),
                   core::to_epoch_ms(session.expires_at))
        .run();
    return core::ok_status();
  });
}

std::optional<domain::User> SqlUserRepository::find_session_user(std::string_view token_digest, core::Timestamp now) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::User> {
    auto query = db.cached(std::string(kSelectUser) +
                           "WHERE id = (SELECT user_id FROM sessions WHERE token_digest = ? AND expires_at > ?)");
    query->bind_all(token_digest, core::to_epoch_ms(now));
    if (!query->step()) return std::nullopt;
    return read_user(*query);
  });
  // A session that cannot be read counts as absent: failing closed signs the user out, never in.
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Status SqlUserRepository::revoke_session(std::string_view token_digest) {
  const std::string digest(token_digest);
  return store_.write([&](Connection& db) -> core::Status {
    db.cached("DELETE FROM sessions WHERE token_digest = ?")->bind(1, digest).run();
    return core::ok_status();
  });
}

std::vector<domain::User> SqlUserRepository::list_users(const domain::UserFilter& filter) {
  auto found = store_.read([&](Connection& db) {
    std::string sql = std::string(kSelectUser) + "WHERE 1 = 1";
    if (filter.role) sql += " AND role = ?";
    if (filter.staff_only) sql += " AND role IN ('agent', 'supervisor', 'admin')";
    // LIKE is case-insensitive for ASCII on SQLite and case-sensitive on PostgreSQL: both sides
    // lower-cased (emails are stored so) make the engines agree. lower() folds only ASCII on
    // SQLite and all of Unicode on PostgreSQL; Chinese has no case.
    if (!filter.text.empty()) sql += " AND (email LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\')";
    // Staff first (the admin page's usual question), then by name.
    sql += " ORDER BY role = 'customer', name, id LIMIT ?";
    auto query = db.prepare(sql);
    int i = 1;
    if (filter.role) query.bind(i++, std::string(domain::to_string(*filter.role)));
    if (!filter.text.empty()) {
      // `%` and `_` typed into the search box match themselves.
      const std::string pattern = sql::like_contains(core::ascii_lower(filter.text));
      query.bind(i++, pattern);
      query.bind(i++, pattern);
    }
    query.bind(i, static_cast<std::int64_t>(std::clamp(filter.limit, 1, 500)));
    std::vector<domain::User> users;
    while (query.step()) users.push_back(read_user(query));
    return users;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::User>{};
}

core::Result<domain::User> SqlUserRepository::update_access(core::UserId id, std::optional<domain::Role> role,
                                                            std::optional<bool> away) {
  return store_.write([&](Connection& db) -> core::Result<domain::User> {
    if (role) db.cached("UPDATE users SET role = ? WHERE id = ?")->bind_all(domain::to_string(*role), id.value).run();
    if (away) db.cached("UPDATE users SET away = ? WHERE id = ?")->bind_all(*away, id.value).run();
    if (auto user = find_user(db, "WHERE id = ?", id.value)) return std::move(*user);
    return core::Error::not_found("No such user.");
  });
}

std::vector<std::pair<core::UserId, std::int64_t>> SqlUserRepository::active_loads() {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached(
        "SELECT assignee_user_id, COUNT(*) FROM tickets WHERE assignee_user_id IS NOT NULL "
        "AND status IN ('new', 'open', 'pending') GROUP BY assignee_user_id");
    std::vector<std::pair<core::UserId, std::int64_t>> loads;
    while (query->step()) loads.emplace_back(core::UserId{query->int64(0)}, query->int64(1));
    return loads;
  });
  return found.ok() ? std::move(found).value() : std::vector<std::pair<core::UserId, std::int64_t>>{};
}

}  // namespace gongdan::storage
