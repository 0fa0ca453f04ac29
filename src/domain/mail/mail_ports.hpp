#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/mail/mail_settings.hpp"
#include "domain/mail/mail_template.hpp"
#include "domain/mail/outgoing_mail.hpp"

namespace gongdan::domain {

/// Renders logic-less (Mustache) templates; implemented in src/mail.
class TemplateEngine {
 public:
  virtual ~TemplateEngine() = default;
  /// Error kInvalid with field `field` and code `template_syntax` when the text does not parse.
  virtual core::Status check(std::string_view field, std::string_view text) const = 0;
  /// `html` escapes every value for HTML; otherwise values go in as they are.
  virtual std::string render(std::string_view text, const MailValues& values, bool html) const = 0;
};

/// Why a delivery attempt failed: worth retrying, or not.
enum class DeliveryFailure {
  kTransient,  // connection refused, timeout, 4xx: try again later
  kPermanent,  // 5xx for this recipient or message: retrying will not help
};

/// The outcome of handing one message to the mail server.
struct DeliveryResult {
  bool accepted = false;
  DeliveryFailure failure = DeliveryFailure::kTransient;
  std::string answer;  // the server's reply or the connection error, for the admin page
};

/// A composed RFC 5322 message ready for the wire.
struct WireMessage {
  std::string envelope_from;
  std::string envelope_to;
  std::string bytes;  // CRLF line endings
};

/// Hands messages to an SMTP server; implemented with libcurl in src/mail.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  virtual DeliveryResult send(const SmtpSettings& smtp, const WireMessage& message) = 0;
};

/// Turns an outbox entry into a message: template, values, headers. Implemented in src/mail.
class MailComposer {
 public:
  virtual ~MailComposer() = default;
  virtual WireMessage compose(const OutboxEntry& entry, const MailTemplate& mail_template,
                              const SmtpSettings& smtp) const = 0;
};

}  // namespace gongdan::domain
