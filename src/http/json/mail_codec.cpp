#include "http/json/mail_codec.hpp"

#include "http/json/encode.hpp"
#include "http/json/field_reader.hpp"

namespace gongdan::http {
namespace {

template <typename T>
core::Result<T> finish(T value, std::vector<core::FieldError>& errors) {
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return value;
}

}  // namespace

core::Result<std::string> decode_token(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  return finish(reader.required_string("token"), errors);
}

core::Result<std::string> decode_email(const nlohmann::json& body, std::string_view field) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  return finish(reader.required_string(field), errors);
}

core::Result<domain::MailSettingsUpdate> decode_mail_settings(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  domain::MailSettingsUpdate update;
  if (auto smtp = reader.object("smtp")) {
    update.smtp.url = smtp->string("url").value_or("");
    update.smtp.username = smtp->string("username").value_or("");
    update.smtp_password = smtp->string("password");
    update.smtp.require_tls = smtp->boolean("require_tls").value_or(false);
    update.smtp.from_email = smtp->required_string("from_email");
    update.smtp.from_name = smtp->string("from_name").value_or("");
  } else {
    errors.push_back({"smtp", "required", "Required."});
  }
  if (auto imap = reader.object("imap")) {
    update.imap.emplace();
    update.imap->url = imap->string("url").value_or("");
    update.imap->username = imap->string("username").value_or("");
    update.imap_password = imap->string("password");
    update.imap->poll_seconds = static_cast<int>(imap->integer("poll_seconds").value_or(60));
  }
  return finish(std::move(update), errors);
}

core::Result<domain::TemplateTexts> decode_template_texts(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  domain::TemplateTexts texts;
  texts.subject = reader.required_string("subject");
  texts.text = reader.required_string("text");
  texts.html = reader.string("html").value_or("");
  return finish(std::move(texts), errors);
}

nlohmann::json outbox_entry_json(const domain::OutboxEntry& entry) {
  return {{"id", entry.id.value},
          {"kind", domain::to_string(entry.mail.kind)},
          {"to", entry.mail.to_email},
          {"locale", domain::to_string(entry.mail.locale)},
          {"ticket_number", entry.mail.ticket_number ? nlohmann::json(*entry.mail.ticket_number) : nlohmann::json()},
          {"state", domain::to_string(entry.state)},
          {"attempts", entry.attempts},
          {"created_at", core::format_rfc3339(entry.created_at)},
          {"next_attempt_at", core::format_rfc3339(entry.next_attempt_at)},
          {"sent_at", time_json(entry.sent_at)},
          {"last_error", entry.last_error}};
}

nlohmann::json mail_settings_json(const domain::MailSettings& settings) {
  const auto& smtp = settings.smtp;
  const auto& imap = settings.imap;
  return {{"smtp",
           {{"url", smtp.url},
            {"username", smtp.username},
            {"password_set", !smtp.password.empty()},
            {"require_tls", smtp.require_tls},
            {"from_email", smtp.from_email},
            {"from_name", smtp.from_name}}},
          {"imap",
           {{"url", imap.url},
            {"username", imap.username},
            {"password_set", !imap.password.empty()},
            {"poll_seconds", imap.poll_seconds}}}};
}

nlohmann::json mail_template_json(const domain::MailTemplate& mail_template) {
  return {{"kind", domain::to_string(mail_template.kind)},
          {"locale", domain::to_string(mail_template.locale)},
          {"subject", mail_template.subject},
          {"text", mail_template.text},
          {"html", mail_template.html},
          {"customized", mail_template.customized},
          {"updated_at", time_json(mail_template.updated_at)}};
}

}  // namespace gongdan::http
