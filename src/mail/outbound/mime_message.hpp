#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"

namespace gongdan::mail {

/// A mailbox: display name (UTF-8, may be empty) and address.
struct MailAddress {
  std::string name;
  std::string email;
};

/// Everything that goes into one outgoing message, already rendered.
struct MimeMessage {
  std::string message_id;  // with angle brackets: <o42.1764107201000@example.com>
  core::Timestamp date;    // the outbox entry's creation time, so a re-send is byte-identical
  MailAddress from;
  MailAddress to;
  std::string subject;
  std::optional<std::string> thread_id;         // <ticket.N@host>: In-Reply-To and References
  std::optional<std::string> list_unsubscribe;  // <mailto:…>, for notifications only
  std::optional<std::string> ticket_number;     // X-Gongdan-Ticket
  std::string text;
  std::string html;
};

/// The RFC 5322 bytes of `message`: CRLF line endings, multipart/alternative (text/plain, then
/// text/html) in UTF-8. The same input always gives the same bytes: no clock, no randomness.
std::string build_mime_message(const MimeMessage& message);

}  // namespace gongdan::mail
