#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::domain {

/// An incoming message after parsing and filtering (src/mail/inbound): decoded to UTF-8, quoted
/// history cut, automatic mail flagged.
struct InboundMail {
  std::string message_id;  // without angle brackets; synthesized when missing
  std::string from_email;  // lower-cased
  std::string from_name;
  std::string subject;
  std::string body;                     // the new text only (quoted history removed)
  std::vector<std::string> references;  // In-Reply-To first, then References, without brackets
  std::vector<Upload> attachments;
  /// Set by the filters for auto-replies, bounces, mailing lists and null senders, with the
  /// reason (e.g. "auto-submitted: auto-replied"); such mail is recorded and never answered.
  std::optional<std::string> automatic;
};

/// What became of an incoming message.
struct InboundOutcome {
  enum class Kind { kCommented, kCreated, kIgnored, kDuplicate };
  Kind kind = Kind::kIgnored;
  std::optional<TicketNumber> ticket;
  std::string reason;  // why it was ignored
};

std::string_view to_string(InboundOutcome::Kind kind);

}  // namespace gongdan::domain
