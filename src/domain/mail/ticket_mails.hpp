#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/mail/outgoing_mail.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::domain {

/// Where links in mail point and how long they work.
struct MailLinkSettings {
  std::string public_url = "http://127.0.0.1:8080";  // no trailing slash
  std::string site_name = "Gongdan";
  std::chrono::hours ticket_link_lifetime{24 * 30};
  std::chrono::minutes sign_in_link_lifetime{30};
};

/// Builds the mails a use case queues, each with a fresh secure link where it needs one. Only the
/// digest of a link's token is stored; the token itself rides in the mail (see docs/mail.md).
class TicketMails {
 public:
  TicketMails(const core::Crypto& crypto, const core::Clock& clock, MailLinkSettings settings);

  MailEffects confirmation(const Ticket& ticket, Locale locale, std::optional<core::Timestamp> reply_by) const;
  MailEffects agent_reply(const Ticket& ticket, Locale locale, const NewMessage& reply) const;
  MailEffects status_changed(const Ticket& ticket, Locale locale) const;
  MailEffects ticket_link(const Ticket& ticket, Locale locale) const;
  /// "Forgot my ticket numbers": every ticket of the address, each with its own link.
  MailEffects ticket_list(const std::string& email, Locale locale, const std::vector<Ticket>& tickets) const;
  /// A single-use sign-in link; `kind` is kSignInLink or kEmailVerification.
  MailEffects sign_in(const User& user, MailKind kind) const;

  const MailLinkSettings& settings() const { return settings_; }

 private:
  struct Link {
    std::string url;
    NewAccessLink record;
  };
  Link ticket_link_for(const Ticket& ticket) const;
  OutgoingMail ticket_mail(MailKind kind, const Ticket& ticket, Locale locale, const Link& link) const;

  const core::Crypto& crypto_;
  const core::Clock& clock_;
  MailLinkSettings settings_;
};

/// A status as the customer reads it in a mail ("等待您的回复", "Waiting for your reply").
std::string status_label(Status status, Locale locale);

}  // namespace gongdan::domain
