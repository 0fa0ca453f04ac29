#include "storage/repositories/mail_effects_writer.hpp"

#include <stdexcept>

#include "core/utf8.hpp"
#include "storage/repositories/mail_payload.hpp"

namespace gongdan::storage {
namespace {

std::optional<std::int64_t> id_value(const std::optional<core::TicketId>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

void queue_mail(sql::Connection& db, const domain::OutgoingMail& mail, const std::string& payload,
                const std::optional<core::TicketId>& ticket, const std::optional<std::string>& number,
                core::Timestamp now) {
  // A mail that names its ticket keeps it; one that names none is about the new ticket, if any.
  const bool about_new_ticket = !mail.ticket_id && ticket;
  const auto ticket_id = about_new_ticket ? ticket : mail.ticket_id;
  const auto ticket_number = about_new_ticket ? number : mail.ticket_number;
  auto insert = db.cached(
      "INSERT INTO outbox (kind, to_email, to_name, locale, ticket_id, ticket_number, payload, state, attempts, "
      "created_at, next_attempt_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, '')");
  insert
      ->bind_all(domain::to_string(mail.kind), core::ascii_lower(mail.to_email), mail.to_name,
                 domain::to_string(mail.locale), id_value(ticket_id), ticket_number, payload, core::to_epoch_ms(now),
                 core::to_epoch_ms(now))
      .run();
}

void store_link(sql::Connection& db, const domain::NewAccessLink& link, const std::optional<core::TicketId>& ticket) {
  // Sign-in links belong to an account, never to a ticket.
  const auto ticket_id = link.purpose == domain::LinkPurpose::kTicket && !link.ticket_id ? ticket : link.ticket_id;
  const std::optional<std::int64_t> user_id =
      link.user_id ? std::optional<std::int64_t>(link.user_id->value) : std::nullopt;
  auto insert = db.cached(
      "INSERT INTO access_links (purpose, token_digest, ticket_id, user_id, email, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert
      ->bind_all(domain::to_string(link.purpose), link.token_digest, id_value(ticket_id), user_id,
                 core::ascii_lower(link.email), core::to_epoch_ms(link.created_at), core::to_epoch_ms(link.expires_at))
      .run();
}

}  // namespace

std::vector<std::string> mail_payloads(const domain::MailEffects& effects) {
  std::vector<std::string> payloads;
  payloads.reserve(effects.mails.size());
  for (const auto& mail : effects.mails) payloads.push_back(payload_json(mail.values));
  return payloads;
}

void write_mail_effects(sql::Connection& db, const domain::MailEffects& effects,
                        const std::vector<std::string>& payloads, const std::optional<core::TicketId>& ticket,
                        const std::optional<std::string>& number, core::Timestamp now) {
  if (payloads.size() != effects.mails.size()) throw std::logic_error("one payload per mail");
  for (const auto& link : effects.links) store_link(db, link, ticket);
  for (std::size_t i = 0; i < effects.mails.size(); ++i)
    queue_mail(db, effects.mails[i], payloads[i], ticket, number, now);
}

void write_mail_effects(sql::Connection& db, const domain::MailEffects& effects,
                        const std::optional<core::TicketId>& ticket, const std::optional<std::string>& number,
                        core::Timestamp now) {
  write_mail_effects(db, effects, mail_payloads(effects), ticket, number, now);
}

}  // namespace gongdan::storage
