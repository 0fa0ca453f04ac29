#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// Which mail a use case sends; each kind has one template per language.
enum class MailKind {
  kTicketConfirmation,  // after submission: number, summary, expected reply time, secure link
  kAgentReply,          // a public agent reply, quoted in full
  kStatusChanged,       // the ticket became pending (waiting on the customer) or resolved
  kTicketLink,          // "send me the link again" from the lookup page
  kTicketList,          // "forgot my ticket numbers": every ticket of an address, with links
  kSignInLink,          // sign in by mail (also confirms the address)
  kEmailVerification,   // after registration: confirm the address (signs in too)
  kTestMail,            // the admin's "send a test mail" button
  kSlaBreached,         // to supervisors: a ticket missed a service-level target (docs/sla.md)
};

std::string_view to_string(MailKind kind);
std::optional<MailKind> parse_mail_kind(std::string_view text);
/// Every kind, in declaration order (admin template pages list them).
const std::vector<MailKind>& all_mail_kinds();
/// Notifications (as opposed to mail the recipient asked for) carry List-Unsubscribe.
bool is_notification(MailKind kind);

/// The values a mail template renders: flat names such as `ticket.number`, plus at most one list
/// (`tickets`, for kTicketList) of rows with their own names (`number`, `subject`, `link`...).
struct MailValues {
  std::map<std::string, std::string> values;
  std::vector<std::map<std::string, std::string>> tickets;
  auto operator<=>(const MailValues&) const = default;
};

/// Value names that carry a secret (a sign-in or ticket link). The outbox keeps them only until
/// the mail is delivered, then replaces them with "[redacted]".
inline constexpr std::string_view kSecretValueName = "link";

/// A mail decided by a use case. It is written to the outbox in the same transaction as the change
/// that causes it, and delivered later by the outbox sender.
struct OutgoingMail {
  MailKind kind = MailKind::kTestMail;
  std::string to_email;
  std::string to_name;
  Locale locale = Locale::kZhCn;
  /// The ticket the mail is about; mails of one ticket thread together in mail clients. For a new
  /// ticket the store fills it in. Empty for mails about no ticket.
  std::optional<core::TicketId> ticket_id;
  std::optional<std::string> ticket_number;  // for threading headers and the subject
  MailValues values;
};

/// Where a mail is on its way out.
enum class OutboxState {
  kQueued,   // waiting for its first or next attempt
  kSending,  // claimed by a sender until its lease ends (a crashed sender's claim expires)
  kSent,     // accepted by the SMTP server
  kFailed,   // refused for good (permanent SMTP error or too many attempts); an admin may retry
};

std::string_view to_string(OutboxState state);
std::optional<OutboxState> parse_outbox_state(std::string_view text);

using OutboxId = core::Id<struct OutboxTag>;

/// One mail in the outbox, as the sender and the admin page see it.
struct OutboxEntry {
  OutboxId id;
  OutgoingMail mail;
  OutboxState state = OutboxState::kQueued;
  int attempts = 0;
  core::Timestamp created_at;
  core::Timestamp next_attempt_at;
  std::optional<core::Timestamp> sent_at;
  std::string last_error;  // the SMTP server's answer to the last failed attempt
};

/// What a secure link opens.
enum class LinkPurpose {
  kTicket,  // one ticket, for the recipient of a ticket mail; reusable until it expires
  kSignIn,  // signs the account in once and confirms its address
};

std::string_view to_string(LinkPurpose purpose);

/// A secure link about to be stored: only the digest of its token is kept.
struct NewAccessLink {
  LinkPurpose purpose = LinkPurpose::kTicket;
  std::string token_digest;                 // core::Crypto::digest of the token sent by mail
  std::optional<core::TicketId> ticket_id;  // kTicket; for a new ticket the store fills it in
  std::optional<core::UserId> user_id;      // kSignIn
  std::string email;                        // the recipient, lower-cased
  core::Timestamp created_at;
  core::Timestamp expires_at;
};

/// A stored secure link.
struct AccessLink {
  std::int64_t id = 0;
  NewAccessLink link;
  std::optional<core::Timestamp> used_at;     // kSignIn links work once
  std::optional<core::Timestamp> revoked_at;  // a revoked link opens nothing
};

/// Mails and links that go with a change, written in its transaction.
struct MailEffects {
  std::vector<OutgoingMail> mails;
  std::vector<NewAccessLink> links;
  bool empty() const { return mails.empty() && links.empty(); }
};

}  // namespace gongdan::domain
