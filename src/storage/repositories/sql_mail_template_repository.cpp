#include "storage/repositories/sql_mail_template_repository.hpp"

namespace gongdan::storage {

using sql::Connection;

std::vector<domain::MailTemplate> SqlMailTemplateRepository::customized() {
  auto found = store_.read([](Connection& db) {
    auto query =
        db.cached("SELECT kind, locale, subject, text, html, updated_at FROM mail_templates ORDER BY kind, locale");
    std::vector<domain::MailTemplate> list;
    while (query->step()) {
      // A kind this program does not know has no use here; skipping it keeps the others.
      const auto kind = domain::parse_mail_kind(query->text(0));
      const auto locale = domain::parse_locale(query->text(1));
      if (!kind || !locale) continue;
      list.push_back(domain::MailTemplate{*kind, *locale, query->text(2), query->text(3), query->text(4), true,
                                          core::from_epoch_ms(query->int64(5))});
    }
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::MailTemplate>{};
}

core::Status SqlMailTemplateRepository::save(const domain::MailTemplate& t) {
  if (!t.updated_at) return core::Error::invalid("updated_at_required", "A saved template needs its time.");
  return store_.write([&](Connection& db) -> core::Status {
    db.cached(
          "INSERT INTO mail_templates (kind, locale, subject, text, html, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (kind, locale) DO UPDATE SET subject = excluded.subject, text = excluded.text, "
          "html = excluded.html, updated_at = excluded.updated_at")
        ->bind_all(domain::to_string(t.kind), domain::to_string(t.locale), t.subject, t.text, t.html,
                   core::to_epoch_ms(*t.updated_at))
        .run();
    return core::ok_status();
  });
}

core::Status SqlMailTemplateRepository::reset(domain::MailKind kind, domain::Locale locale) {
  return store_.write([&](Connection& db) -> core::Status {
    db.cached("DELETE FROM mail_templates WHERE kind = ? AND locale = ?")
        ->bind_all(domain::to_string(kind), domain::to_string(locale))
        .run();
    if (db.changes() == 0) return core::Error::not_found("The template was not customized.");
    return core::ok_status();
  });
}

}  // namespace gongdan::storage
