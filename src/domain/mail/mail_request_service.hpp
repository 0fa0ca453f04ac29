#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "domain/mail/mail_repository.hpp"
#include "domain/mail/ticket_mails.hpp"
#include "domain/tickets/ticket_repository.hpp"
#include "domain/users/actor.hpp"
#include "domain/users/auth_service.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain {

/// The one answer for unknown, expired, revoked and used links, wherever a link is presented.
core::Error link_invalid();

/// A ticket link that opened: what the holder may now act on.
struct OpenedLink {
  TicketGrant grant;
  TicketNumber number;
  core::Timestamp expires_at;
  std::chrono::seconds remaining{0};  // until it expires: how long a browser may keep it
};

/// The use cases around mailed links: asking for a link or a list by mail (answers never tell
/// whether the address is known), opening a link, revoking links.
class MailRequestService {
 public:
  /// How many mails of one kind strangers can make Gongdan send to one address per hour.
  static constexpr int kMaxRequestedMailsPerHour = 5;

  MailRequestService(TicketRepository& tickets, UserRepository& users, OutboxRepository& outbox,
                     AccessLinkRepository& links, AuthService& auth, const TicketMails& mails,
                     const core::Crypto& crypto, const core::Clock& clock);

  /// The lookup page's "email me the link": queued only when number and address match. Errors
  /// only for malformed input; the caller answers the same whether or not a mail was queued.
  core::Status send_ticket_link(std::string_view number, std::string_view email, Locale page_locale);
  /// "Forgot my ticket numbers": a list of the address's tickets, when it has any.
  core::Status send_ticket_list(std::string_view email, Locale page_locale);
  /// "Email me a sign-in link": only for an existing account.
  core::Status send_sign_in_link(std::string_view email);
  /// The address check after registration (a sign-in link in a welcoming mail).
  core::Status send_email_verification(const User& user);

  /// A ticket link's token. Error kUnauthenticated reason `link_invalid` for unknown, expired or
  /// revoked tokens (one answer for all).
  core::Result<OpenedLink> open_ticket_link(std::string_view token);
  /// The grant a token carries on a request, or nullopt (requests then act without it).
  std::optional<TicketGrant> grant_for(std::string_view token);
  /// Uses up a sign-in link and signs its account in (and marks its address verified).
  core::Result<SignedIn> sign_in_with_link(std::string_view token);
  /// Revokes every link to a ticket: its owner, a holder of a link to it, or staff.
  core::Result<int> revoke_links(const Actor& actor, std::string_view number);

 private:
  core::Status queue(const MailEffects& effects, MailKind kind, const std::string& email);
  std::optional<AccessLink> live_link(std::string_view token, LinkPurpose purpose);

  TicketRepository& tickets_;
  UserRepository& users_;
  OutboxRepository& outbox_;
  AccessLinkRepository& links_;
  AuthService& auth_;
  const TicketMails& mails_;
  const core::Crypto& crypto_;
  const core::Clock& clock_;
};

}  // namespace gongdan::domain
