#include "domain/mail/mail_request_service.hpp"

#include "core/utf8.hpp"
#include "domain/mail/link_token.hpp"

namespace gongdan::domain {
namespace {

constexpr int kMaxListedTickets = 50;
constexpr std::size_t kMaxTokenChars = 200;

core::Result<std::string> checked_email(std::string_view email) {
  std::string lower = core::ascii_lower(core::trim(email));
  if (auto e = check_email("email", lower)) return core::Error::validation({*e});
  return lower;
}

}  // namespace

core::Error link_invalid() {
  return {core::ErrorCode::kUnauthenticated,
          "link_invalid",
          "This link is not valid: it may have expired or been revoked. Ask for a new one.",
          {}};
}

MailRequestService::MailRequestService(TicketRepository& tickets, UserRepository& users, OutboxRepository& outbox,
                                       AccessLinkRepository& links, AuthService& auth, const TicketMails& mails,
                                       const core::Crypto& crypto, const core::Clock& clock)
    : tickets_(tickets),
      users_(users),
      outbox_(outbox),
      links_(links),
      auth_(auth),
      mails_(mails),
      crypto_(crypto),
      clock_(clock) {}

core::Status MailRequestService::queue(const MailEffects& effects, MailKind kind, const std::string& email) {
  const auto now = clock_.now();
  // Above the cap the request is dropped silently: the caller's answer must not change.
  if (outbox_.count_recent(kind, email, now - std::chrono::hours{1}) >= kMaxRequestedMailsPerHour) {
    return core::ok_status();
  }
  return outbox_.enqueue(effects, now);
}

core::Status MailRequestService::send_ticket_link(std::string_view number, std::string_view email, Locale page_locale) {
  auto parsed = TicketNumber::parse(number);
  if (!parsed) return parsed.take_error();
  auto address = checked_email(email);
  if (!address) return address.take_error();
  const auto ticket = tickets_.find_by_number(*parsed);
  if (!ticket || ticket->customer.email != *address) return core::ok_status();
  Locale locale = page_locale;
  if (ticket->customer.user_id) {
    if (auto user = users_.find_by_id(*ticket->customer.user_id)) locale = user->locale;
  }
  return queue(mails_.ticket_link(*ticket, locale), MailKind::kTicketLink, *address);
}

core::Status MailRequestService::send_ticket_list(std::string_view email, Locale page_locale) {
  auto address = checked_email(email);
  if (!address) return address.take_error();
  TicketQuery query;
  query.customer_email = *address;
  query.order = TicketQuery::Order::kRecentActivity;
  query.limit = kMaxListedTickets;
  auto page = tickets_.list(query);
  if (!page) return page.take_error();
  if (page->items.empty()) return core::ok_status();
  Locale locale = page_locale;
  if (auto user = users_.find_by_email(*address)) locale = user->locale;
  return queue(mails_.ticket_list(*address, locale, page->items), MailKind::kTicketList, *address);
}

core::Status MailRequestService::send_sign_in_link(std::string_view email) {
  auto address = checked_email(email);
  if (!address) return address.take_error();
  const auto user = users_.find_by_email(*address);
  // Staff sign in with their password only: their accounts must not be as weak as their mailboxes.
  if (!user || user->is_staff()) return core::ok_status();
  return queue(mails_.sign_in(*user, MailKind::kSignInLink), MailKind::kSignInLink, *address);
}

core::Status MailRequestService::send_email_verification(const User& user) {
  return queue(mails_.sign_in(user, MailKind::kEmailVerification), MailKind::kEmailVerification, user.email);
}

std::optional<AccessLink> MailRequestService::live_link(std::string_view token, LinkPurpose purpose) {
  if (token.empty() || token.size() > kMaxTokenChars) return std::nullopt;
  auto link = links_.find_by_digest(link_digest(crypto_, token));
  if (!link || link->link.purpose != purpose || link->revoked_at || link->link.expires_at <= clock_.now()) {
    return std::nullopt;
  }
  return link;
}

core::Result<OpenedLink> MailRequestService::open_ticket_link(std::string_view token) {
  const auto link = live_link(token, LinkPurpose::kTicket);
  if (!link || !link->link.ticket_id) return link_invalid();
  const auto ticket = tickets_.find_by_id(*link->link.ticket_id);
  if (!ticket) return link_invalid();
  const auto remaining = std::chrono::duration_cast<std::chrono::seconds>(link->link.expires_at - clock_.now());
  return OpenedLink{{ticket->id, link->link.email}, ticket->number, link->link.expires_at, remaining};
}

std::optional<TicketGrant> MailRequestService::grant_for(std::string_view token) {
  const auto link = live_link(token, LinkPurpose::kTicket);
  if (!link || !link->link.ticket_id) return std::nullopt;
  return TicketGrant{*link->link.ticket_id, link->link.email};
}

core::Result<SignedIn> MailRequestService::sign_in_with_link(std::string_view token) {
  const auto link = live_link(token, LinkPurpose::kSignIn);
  if (!link || link->used_at || !link->link.user_id) return link_invalid();
  // A link mailed before the account became staff does not open a staff account.
  if (const auto user = users_.find_by_id(*link->link.user_id); !user || user->is_staff()) return link_invalid();
  // Of two concurrent uses of one link, exactly one signs in.
  if (auto used = links_.mark_used(link->id, clock_.now()); !used) {
    if (used.error().code == core::ErrorCode::kConflict) return link_invalid();
    return used.take_error();
  }
  auto signed_in = auth_.sign_in_verified(*link->link.user_id);
  if (!signed_in && signed_in.error().code == core::ErrorCode::kNotFound) return link_invalid();
  return signed_in;
}

core::Result<int> MailRequestService::revoke_links(const Actor& actor, std::string_view number) {
  auto parsed = TicketNumber::parse(number);
  if (!parsed) return parsed.take_error();
  if (!actor.user && !actor.grant) return core::Error::unauthenticated();
  const auto ticket = tickets_.find_by_number(*parsed);
  const bool owner = ticket && actor.user && ticket->customer.user_id == actor.user->id;
  const bool holder = ticket && actor.grant && actor.grant->ticket_id == ticket->id;
  if (!ticket || !(owner || holder || actor.is_staff())) return core::Error::not_found("No such ticket.");
  return links_.revoke_for_ticket(ticket->id, clock_.now());
}

}  // namespace gongdan::domain
