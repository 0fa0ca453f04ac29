#include "storage/repositories/sql_mail_settings_repository.hpp"

#include <nlohmann/json.hpp>

namespace gongdan::storage {
namespace {

using nlohmann::json;
using sql::Connection;

constexpr std::string_view kKey = "mail";

json to_json(const domain::MailSettings& s) {
  return json{{"smtp",
               {{"url", s.smtp.url},
                {"username", s.smtp.username},
                {"password", s.smtp.password},
                {"require_tls", s.smtp.require_tls},
                {"from_email", s.smtp.from_email},
                {"from_name", s.smtp.from_name}}},
              {"imap",
               {{"url", s.imap.url},
                {"username", s.imap.username},
                {"password", s.imap.password},
                {"poll_seconds", s.imap.poll_seconds}}}};
}

// Missing fields keep the defaults, so a value saved by an older program still loads.
domain::MailSettings from_json(const json& j) {
  domain::MailSettings s;
  const json smtp = j.value("smtp", json::object());
  s.smtp.url = smtp.value("url", s.smtp.url);
  s.smtp.username = smtp.value("username", s.smtp.username);
  s.smtp.password = smtp.value("password", s.smtp.password);
  s.smtp.require_tls = smtp.value("require_tls", s.smtp.require_tls);
  s.smtp.from_email = smtp.value("from_email", s.smtp.from_email);
  s.smtp.from_name = smtp.value("from_name", s.smtp.from_name);
  const json imap = j.value("imap", json::object());
  s.imap.url = imap.value("url", s.imap.url);
  s.imap.username = imap.value("username", s.imap.username);
  s.imap.password = imap.value("password", s.imap.password);
  s.imap.poll_seconds = imap.value("poll_seconds", s.imap.poll_seconds);
  return s;
}

}  // namespace

std::optional<domain::MailSettings> SqlMailSettingsRepository::load() {
  // json's exceptions (a hand-edited value) travel out of the read and are reported there.
  auto found = store_.read([](Connection& db) -> std::optional<domain::MailSettings> {
    auto query = db.cached("SELECT value FROM settings WHERE key = ?");
    if (!query->bind(1, kKey).step()) return std::nullopt;
    return from_json(json::parse(query->text(0)));
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Status SqlMailSettingsRepository::save(const domain::MailSettings& settings) {
  const std::string value = to_json(settings).dump(-1, ' ', false, json::error_handler_t::replace);
  const std::int64_t now = core::to_epoch_ms(clock_.now());
  return store_.write([&](Connection& db) -> core::Status {
    db.cached(
          "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
        ->bind_all(kKey, value, now)
        .run();
    return core::ok_status();
  });
}

}  // namespace gongdan::storage
