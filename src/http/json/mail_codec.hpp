#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/mail/mail_admin_service.hpp"
#include "domain/mail/outgoing_mail.hpp"

namespace gongdan::http {

/// `{token}` of the link endpoints.
core::Result<std::string> decode_token(const nlohmann::json& body);
/// `{email}` of the "mail me" endpoints.
core::Result<std::string> decode_email(const nlohmann::json& body, std::string_view field = "email");
core::Result<domain::MailSettingsUpdate> decode_mail_settings(const nlohmann::json& body);
core::Result<domain::TemplateTexts> decode_template_texts(const nlohmann::json& body);

nlohmann::json outbox_entry_json(const domain::OutboxEntry& entry);
/// Passwords never leave the server: only whether one is set.
nlohmann::json mail_settings_json(const domain::MailSettings& settings);
nlohmann::json mail_template_json(const domain::MailTemplate& mail_template);

}  // namespace gongdan::http
