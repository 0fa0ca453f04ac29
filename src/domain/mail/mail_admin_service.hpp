#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/mail/mail_ports.hpp"
#include "domain/mail/mail_repository.hpp"
#include "domain/mail/mail_settings_source.hpp"
#include "domain/users/actor.hpp"

namespace gongdan::domain {

/// Filters of the outbox page, as received.
struct OutboxRequest {
  std::optional<std::string> state;  // comma list of states
  std::string recipient;
  std::string cursor;
  std::optional<std::int64_t> limit;
};

/// A change of the mail settings. A password that is absent stays as it is; "" clears it. Without
/// `imap` the mailbox settings stay as they are.
struct MailSettingsUpdate {
  SmtpSettings smtp;
  std::optional<ImapSettings> imap;
  std::optional<std::string> smtp_password;
  std::optional<std::string> imap_password;
};

/// The texts of a template as an admin edits them.
struct TemplateTexts {
  std::string subject;
  std::string text;
  std::string html;
};

/// The admin's mail pages: the outbox, the SMTP/IMAP settings, the templates. Admins only.
class MailAdminService {
 public:
  MailAdminService(OutboxRepository& outbox, MailTemplateRepository& templates, MailSettingsSource& settings,
                   const TemplateEngine& engine, const MailComposer& composer, MailTransport& transport,
                   const core::Clock& clock);

  core::Result<Page<OutboxEntry>> outbox(const Actor& actor, const OutboxRequest& request);
  core::Result<OutboxEntry> retry(const Actor& actor, std::int64_t id);

  core::Result<MailSettings> settings(const Actor& actor);
  core::Result<MailSettings> save_settings(const Actor& actor, const MailSettingsUpdate& update);
  /// Sends a test mail at once with the saved settings, so the admin reads the server's answer.
  core::Result<DeliveryResult> send_test(const Actor& actor, std::string_view to);

  /// Every kind in every language, as in force.
  core::Result<std::vector<MailTemplate>> templates(const Actor& actor);
  core::Result<MailTemplate> save_template(const Actor& actor, std::string_view kind, std::string_view locale,
                                           const TemplateTexts& texts);
  core::Status reset_template(const Actor& actor, std::string_view kind, std::string_view locale);
  /// The texts rendered with sample values, without saving.
  core::Result<TemplateTexts> preview(const Actor& actor, std::string_view kind, std::string_view locale,
                                      const TemplateTexts& texts);

 private:
  core::Status check_texts(const TemplateTexts& texts) const;

  OutboxRepository& outbox_;
  MailTemplateRepository& templates_;
  MailSettingsSource& settings_;
  const TemplateEngine& engine_;
  const MailComposer& composer_;
  MailTransport& transport_;
  const core::Clock& clock_;
};

/// Example values for every name the templates may use, for previews and the test mail.
MailValues sample_mail_values(MailKind kind, Locale locale);

}  // namespace gongdan::domain
