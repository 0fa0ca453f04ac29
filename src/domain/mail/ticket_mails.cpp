#include "domain/mail/ticket_mails.hpp"

#include "core/utf8.hpp"
#include "domain/mail/link_token.hpp"
#include "domain/mail/local_time_text.hpp"

namespace gongdan::domain {
namespace {

constexpr std::size_t kSummaryChars = 200;

// The first `limit` code points of `text`, with an ellipsis when cut.
std::string summary_of(const std::string& text, std::size_t limit) {
  const auto points = core::utf8_length(text);
  if (points <= limit) return text;
  return std::string(core::utf8_prefix(text, limit)) + "…";
}

}  // namespace

std::string status_label(Status status, Locale locale) {
  const bool zh = locale == Locale::kZhCn;
  switch (status) {
    case Status::kNew: return zh ? "已提交" : "Submitted";
    case Status::kOpen: return zh ? "处理中" : "In progress";
    case Status::kPending: return zh ? "等待您的回复" : "Waiting for your reply";
    case Status::kResolved: return zh ? "已解决" : "Resolved";
    case Status::kClosed: return zh ? "已关闭" : "Closed";
  }
  return std::string(to_string(status));
}

TicketMails::TicketMails(const core::Crypto& crypto, const core::Clock& clock, MailLinkSettings settings)
    : crypto_(crypto), clock_(clock), settings_(std::move(settings)) {}

TicketMails::Link TicketMails::ticket_link_for(const Ticket& ticket) const {
  const auto now = clock_.now();
  const auto token = make_link_token(crypto_, now);
  NewAccessLink record{LinkPurpose::kTicket,
                       link_digest(crypto_, token),
                       std::nullopt,
                       std::nullopt,
                       ticket.customer.email,
                       now,
                       now + settings_.ticket_link_lifetime};
  if (ticket.id.value != 0) record.ticket_id = ticket.id;  // a new ticket's id is filled in by the store
  return {settings_.public_url + "/tickets/" + ticket.number.str() + "#link=" + token, std::move(record)};
}

OutgoingMail TicketMails::ticket_mail(MailKind kind, const Ticket& ticket, Locale locale, const Link& link) const {
  OutgoingMail mail;
  mail.kind = kind;
  mail.to_email = ticket.customer.email;
  mail.to_name = ticket.customer.name;
  mail.locale = locale;
  if (ticket.id.value != 0) mail.ticket_id = ticket.id;
  mail.ticket_number = ticket.number.str();
  auto& v = mail.values.values;
  v["customer.name"] = ticket.customer.name;
  v["ticket.number"] = ticket.number.str();
  v["ticket.subject"] = ticket.subject;
  v["ticket.status"] = status_label(ticket.status, locale);
  v["ticket.summary"] = summary_of(ticket.description, kSummaryChars);
  v[std::string(kSecretValueName)] = link.url;
  v["link_days"] = std::to_string(settings_.ticket_link_lifetime.count() / 24);
  v["site.name"] = settings_.site_name;
  v["site.url"] = settings_.public_url;
  return mail;
}

MailEffects TicketMails::confirmation(const Ticket& ticket, Locale locale,
                                      std::optional<core::Timestamp> reply_by) const {
  auto link = ticket_link_for(ticket);
  auto mail = ticket_mail(MailKind::kTicketConfirmation, ticket, locale, link);
  mail.values.values["reply_by"] =
      reply_by ? local_time_text(*reply_by, clock_.utc_offset(*reply_by), locale) : std::string{};
  return {{std::move(mail)}, {std::move(link.record)}};
}

MailEffects TicketMails::agent_reply(const Ticket& ticket, Locale locale, const NewMessage& reply) const {
  auto link = ticket_link_for(ticket);
  auto mail = ticket_mail(MailKind::kAgentReply, ticket, locale, link);
  mail.values.values["reply.body"] = reply.body;
  mail.values.values["reply.author"] = reply.author.name;
  return {{std::move(mail)}, {std::move(link.record)}};
}

MailEffects TicketMails::status_changed(const Ticket& ticket, Locale locale) const {
  auto link = ticket_link_for(ticket);
  return {{ticket_mail(MailKind::kStatusChanged, ticket, locale, link)}, {std::move(link.record)}};
}

MailEffects TicketMails::ticket_link(const Ticket& ticket, Locale locale) const {
  auto link = ticket_link_for(ticket);
  return {{ticket_mail(MailKind::kTicketLink, ticket, locale, link)}, {std::move(link.record)}};
}

MailEffects TicketMails::ticket_list(const std::string& email, Locale locale,
                                     const std::vector<Ticket>& tickets) const {
  MailEffects effects;
  OutgoingMail mail;
  mail.kind = MailKind::kTicketList;
  mail.to_email = email;
  mail.locale = locale;
  if (!tickets.empty()) mail.to_name = tickets.front().customer.name;
  mail.values.values["customer.name"] = mail.to_name;
  mail.values.values["site.name"] = settings_.site_name;
  mail.values.values["site.url"] = settings_.public_url;
  mail.values.values["link_days"] = std::to_string(settings_.ticket_link_lifetime.count() / 24);
  for (const auto& ticket : tickets) {
    auto link = ticket_link_for(ticket);
    mail.values.tickets.push_back(
        {{"number", ticket.number.str()},
         {"subject", ticket.subject},
         {"status", status_label(ticket.status, locale)},
         {"updated", local_time_text(ticket.updated_at, clock_.utc_offset(ticket.updated_at), locale)},
         {std::string(kSecretValueName), link.url}});
    effects.links.push_back(std::move(link.record));
  }
  effects.mails.push_back(std::move(mail));
  return effects;
}

MailEffects TicketMails::sign_in(const User& user, MailKind kind) const {
  const auto now = clock_.now();
  const auto token = make_link_token(crypto_, now);
  NewAccessLink record{LinkPurpose::kSignIn,
                       link_digest(crypto_, token),
                       std::nullopt,
                       user.id,
                       user.email,
                       now,
                       now + settings_.sign_in_link_lifetime};
  OutgoingMail mail;
  mail.kind = kind;
  mail.to_email = user.email;
  mail.to_name = user.name;
  mail.locale = user.locale;
  auto& v = mail.values.values;
  v["customer.name"] = user.name;
  v[std::string(kSecretValueName)] = settings_.public_url + "/auth/link#token=" + token;
  v["link_minutes"] = std::to_string(settings_.sign_in_link_lifetime.count());
  v["site.name"] = settings_.site_name;
  v["site.url"] = settings_.public_url;
  return {{std::move(mail)}, {std::move(record)}};
}

}  // namespace gongdan::domain
