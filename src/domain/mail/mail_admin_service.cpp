#include "domain/mail/mail_admin_service.hpp"

#include "core/utf8.hpp"
#include "domain/mail/outbox_delivery.hpp"
#include "domain/users/auth_service.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

constexpr std::size_t kMaxSubjectChars = 300;
constexpr std::size_t kMaxBodyChars = 100'000;
constexpr std::size_t kMaxSettingChars = 500;

core::Status require_admin(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (actor.user->role != Role::kAdmin) return core::Error::forbidden("Only administrators may change mail.");
  return core::ok_status();
}

struct KindAndLocale {
  MailKind kind;
  Locale locale;
};

core::Result<KindAndLocale> parse_key(std::string_view kind, std::string_view locale) {
  const auto k = parse_mail_kind(kind);
  const auto l = parse_locale(locale);
  if (!k) return core::Error::not_found("No such mail kind.");
  if (!l) return core::Error::not_found("No such language.");
  return KindAndLocale{*k, *l};
}

bool has_scheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
  for (auto scheme : schemes) {
    if (url.starts_with(scheme) && url.size() > scheme.size()) return true;
  }
  return false;
}

void check_setting(std::vector<core::FieldError>& errors, const char* field, const std::string& value) {
  if (auto e = check_text(field, value, kMaxSettingChars, Presence::kOptional)) errors.push_back(*e);
}

}  // namespace

MailValues sample_mail_values(MailKind kind, Locale locale) {
  const bool zh = locale == Locale::kZhCn;
  MailValues sample;
  auto& v = sample.values;
  v["customer.name"] = zh ? "李雷" : "Alex Chen";
  v["ticket.number"] = "261125-7KQ2MX";
  v["ticket.subject"] = zh ? "更新后打开聊天就闪退" : "The app crashes when I open a chat";
  v["ticket.status"] = zh ? "处理中" : "In progress";
  v["ticket.summary"] =
      zh ? "升级到 5.2.0 以后，点开任何群聊都会闪退。" : "Since 5.2.0 every group chat crashes the app.";
  v["reply_by"] = zh ? "2026年11月26日 10:00（UTC+08:00）" : "26 Nov 2026, 10:00 (UTC+08:00)";
  v["reply.body"] = zh ? "您好，请在设置 → 存储中清除缓存后再试一次。"
                       : "Hello, please clear the cache in Settings → Storage and try again.";
  v["reply.author"] = zh ? "王芳" : "Wang Fang";
  v[std::string(kSecretValueName)] = "https://help.example.com/tickets/261125-7KQ2MX#link=example";
  v["link_days"] = "30";
  v["link_minutes"] = "30";
  v["site.name"] = "Gongdan";
  v["site.url"] = "https://help.example.com";
  v["support.email"] = "support@example.com";
  if (kind == MailKind::kSlaBreached) {
    v["ticket.priority"] = "urgent";
    v["ticket.group"] = zh ? "一线支持 First line" : "First line";
    v["ticket.assignee"] = zh ? "王芳" : "Wang Fang";
    v["sla.target"] = zh ? "首次响应" : "first response";
    v["sla.due_at"] = v["reply_by"];
    v["agent_link"] = "https://help.example.com/agent/tickets/261125-7KQ2MX";
  }
  if (kind == MailKind::kTicketList) {
    sample.tickets.push_back({{"number", "261125-7KQ2MX"},
                              {"subject", v["ticket.subject"]},
                              {"status", v["ticket.status"]},
                              {"updated", v["reply_by"]},
                              {std::string(kSecretValueName), v[std::string(kSecretValueName)]}});
  }
  return sample;
}

MailAdminService::MailAdminService(OutboxRepository& outbox, MailTemplateRepository& templates,
                                   MailSettingsSource& settings, const TemplateEngine& engine,
                                   const MailComposer& composer, MailTransport& transport, const core::Clock& clock)
    : outbox_(outbox),
      templates_(templates),
      settings_(settings),
      engine_(engine),
      composer_(composer),
      transport_(transport),
      clock_(clock) {}

core::Result<Page<OutboxEntry>> MailAdminService::outbox(const Actor& actor, const OutboxRequest& request) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  OutboxQuery query;
  if (request.state && !request.state->empty()) {
    std::string_view rest = *request.state;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const auto item = core::trim(rest.substr(0, comma));
      const auto state = parse_outbox_state(item);
      if (!state) return core::Error::field("state", "invalid", "One of queued, sending, sent, failed.");
      query.states.push_back(*state);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  query.recipient = core::ascii_lower(core::trim(request.recipient));
  query.cursor = request.cursor;
  if (request.limit) {
    if (*request.limit < 1 || *request.limit > 200) return core::Error::field("limit", "invalid", "Between 1 and 200.");
    query.limit = static_cast<int>(*request.limit);
  }
  return outbox_.list(query);
}

core::Result<OutboxEntry> MailAdminService::retry(const Actor& actor, std::int64_t id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  if (auto retried = outbox_.retry(OutboxId{id}, clock_.now()); !retried) return retried.take_error();
  auto entry = outbox_.find(OutboxId{id});
  if (!entry) return core::Error::not_found("No such mail.");
  return std::move(*entry);
}

core::Result<MailSettings> MailAdminService::settings(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  return settings_.current();
}

core::Result<MailSettings> MailAdminService::save_settings(const Actor& actor, const MailSettingsUpdate& update) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  std::vector<core::FieldError> errors;
  const auto current = settings_.current();
  const auto& smtp = update.smtp;
  const auto& imap = update.imap ? *update.imap : current.imap;
  check_setting(errors, "smtp.url", smtp.url);
  check_setting(errors, "smtp.username", smtp.username);
  check_setting(errors, "smtp.from_name", smtp.from_name);
  check_setting(errors, "imap.url", imap.url);
  check_setting(errors, "imap.username", imap.username);
  if (!smtp.url.empty() && !has_scheme(smtp.url, {"smtp://", "smtps://"})) {
    errors.push_back({"smtp.url", "invalid", "An smtp:// or smtps:// address, e.g. smtp://mail.example.com:587."});
  }
  if (auto e = check_email("smtp.from_email", core::ascii_lower(core::trim(smtp.from_email)))) errors.push_back(*e);
  if (!imap.url.empty() && !has_scheme(imap.url, {"imap://", "imaps://"})) {
    errors.push_back({"imap.url", "invalid", "An imap:// or imaps:// address, e.g. imaps://mail.example.com/INBOX."});
  }
  if (imap.poll_seconds < 10 || imap.poll_seconds > 3600) {
    errors.push_back({"imap.poll_seconds", "invalid", "Between 10 and 3600 seconds."});
  }
  for (const auto* password : {&update.smtp_password, &update.imap_password}) {
    if (*password && (*password)->size() > kMaxSettingChars) {
      errors.push_back({password == &update.smtp_password ? "smtp.password" : "imap.password", "too_long",
                        "At most 500 characters."});
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  MailSettings next{smtp, imap};
  next.smtp.from_email = core::ascii_lower(core::trim(smtp.from_email));
  // A password kept for one server is never sent to another: a new address needs it again.
  const std::string kept_smtp = next.smtp.url == current.smtp.url ? current.smtp.password : std::string{};
  next.smtp.password = update.smtp_password.value_or(kept_smtp);
  const std::string kept_imap = next.imap.url == current.imap.url ? current.imap.password : std::string{};
  next.imap.password = update.imap_password.value_or(kept_imap);
  if (auto saved = settings_.save(next); !saved) return saved.take_error();
  return next;
}

core::Result<DeliveryResult> MailAdminService::send_test(const Actor& actor, std::string_view to) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  const std::string address = core::ascii_lower(core::trim(to));
  if (auto e = check_email("to", address)) return core::Error::validation({*e});
  const auto smtp = settings_.current().smtp;
  if (smtp.url.empty()) return core::Error::field("smtp.url", "required", "Save an SMTP server first.");
  OutboxEntry entry;
  entry.mail.kind = MailKind::kTestMail;
  entry.mail.to_email = address;
  entry.mail.locale = actor.user->locale;
  entry.mail.values = sample_mail_values(MailKind::kTestMail, actor.user->locale);
  entry.mail.values.values["customer.name"] = actor.user->name;
  entry.created_at = entry.next_attempt_at = clock_.now();
  const auto mail_template = template_for(templates_, MailKind::kTestMail, actor.user->locale);
  return transport_.send(smtp, composer_.compose(entry, mail_template, smtp));
}

core::Result<std::vector<MailTemplate>> MailAdminService::templates(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  const auto customized = templates_.customized();
  std::vector<MailTemplate> out;
  for (const auto kind : all_mail_kinds()) {
    for (const auto locale : {Locale::kZhCn, Locale::kEn}) out.push_back(template_in_force(customized, kind, locale));
  }
  return out;
}

core::Status MailAdminService::check_texts(const TemplateTexts& texts) const {
  std::vector<core::FieldError> errors;
  if (auto e = check_text("subject", texts.subject, kMaxSubjectChars)) errors.push_back(*e);
  if (auto e = check_text("text", texts.text, kMaxBodyChars, Presence::kRequired, true)) errors.push_back(*e);
  if (auto e = check_text("html", texts.html, kMaxBodyChars, Presence::kOptional, true)) errors.push_back(*e);
  if (errors.empty()) {
    for (const auto& [field, text] :
         {std::pair{"subject", &texts.subject}, {"text", &texts.text}, {"html", &texts.html}}) {
      if (auto parsed = engine_.check(field, *text); !parsed) {
        auto error = parsed.take_error();
        errors.insert(errors.end(), error.fields.begin(), error.fields.end());
      }
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return core::ok_status();
}

core::Result<MailTemplate> MailAdminService::save_template(const Actor& actor, std::string_view kind,
                                                           std::string_view locale, const TemplateTexts& texts) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto key = parse_key(kind, locale);
  if (!key) return key.take_error();
  if (auto checked = check_texts(texts); !checked) return checked.take_error();
  MailTemplate saved{key->kind, key->locale, texts.subject, texts.text, texts.html, true, clock_.now()};
  if (auto stored = templates_.save(saved); !stored) return stored.take_error();
  return saved;
}

core::Status MailAdminService::reset_template(const Actor& actor, std::string_view kind, std::string_view locale) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto key = parse_key(kind, locale);
  if (!key) return key.take_error();
  return templates_.reset(key->kind, key->locale);
}

core::Result<TemplateTexts> MailAdminService::preview(const Actor& actor, std::string_view kind,
                                                      std::string_view locale, const TemplateTexts& texts) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto key = parse_key(kind, locale);
  if (!key) return key.take_error();
  if (auto checked = check_texts(texts); !checked) return checked.take_error();
  const auto values = sample_mail_values(key->kind, key->locale);
  return TemplateTexts{engine_.render(texts.subject, values, false), engine_.render(texts.text, values, false),
                       engine_.render(texts.html, values, true)};
}

}  // namespace gongdan::domain
