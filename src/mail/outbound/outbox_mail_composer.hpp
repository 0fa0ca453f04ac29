#pragma once

#include <string>

#include "domain/mail/mail_ports.hpp"

namespace gongdan::mail {

/// Composes an outbox entry into a MIME message: renders its template with the entry's values
/// and adds the headers of docs/mail.md. The result depends on the entry alone (Date is the
/// entry's creation time), so a re-sent mail is byte-identical.
class OutboxMailComposer final : public domain::MailComposer {
 public:
  /// `public_url` (http://127.0.0.1:8080) is the site's address: `site.url` in templates, and its
  /// host is the right-hand side of every Message-ID. `engine` must outlive the composer.
  OutboxMailComposer(const domain::TemplateEngine& engine, std::string public_url);

  domain::WireMessage compose(const domain::OutboxEntry& entry, const domain::MailTemplate& mail_template,
                              const domain::SmtpSettings& smtp) const override;

  /// The host of the public URL, as used in Message-IDs (`localhost` when the URL has none).
  const std::string& message_id_host() const { return host_; }

 private:
  const domain::TemplateEngine& engine_;
  std::string public_url_;
  std::string host_;
};

}  // namespace gongdan::mail
