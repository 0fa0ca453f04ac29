#pragma once

#include <chrono>

#include "domain/mail/mail_ports.hpp"

namespace gongdan::mail {

/// How long one delivery may take; the sender's lease must be longer than `total`.
struct SmtpTimeouts {
  std::chrono::seconds connect{10};
  std::chrono::seconds total{60};
};

/// Hands one message to an SMTP server with libcurl: smtp:// upgrades with STARTTLS when offered
/// (required with `require_tls`), smtps:// is TLS from the start; AUTH when a username is set.
/// Thread-safe: each send uses its own connection.
class SmtpTransport final : public domain::MailTransport {
 public:
  explicit SmtpTransport(SmtpTimeouts timeouts = {});
  /// Never throws; the answer names the server's reply code and never the password.
  domain::DeliveryResult send(const domain::SmtpSettings& smtp, const domain::WireMessage& message) override;

 private:
  SmtpTimeouts timeouts_;
};

}  // namespace gongdan::mail
