#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/mail/inbound_mail.hpp"
#include "domain/mail/mail_repository.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain {

/// How incoming mail is turned into tickets.
struct InboundSettings {
  std::string message_id_host = "127.0.0.1";  // the host part of our Message-IDs (the public URL's host)
  int max_per_sender_per_hour = 20;           // above this a sender is looping or flooding
};

/// Turns an incoming mail into a comment on its ticket or a new ticket; never answers automatic
/// mail; handles a message delivered twice once. See docs/mail.md "Incoming".
class InboundMailService {
 public:
  InboundMailService(TicketService& tickets, TicketRepository& store, UserRepository& users, CatalogRepository& catalog,
                     OutboxRepository& outbox, InboundMailLog& log, const core::Clock& clock,
                     InboundSettings settings = {});

  /// Error kUnavailable when storage failed: the caller should have the mail delivered again.
  core::Result<InboundOutcome> handle(const InboundMail& mail);

 private:
  std::optional<Ticket> thread_of(const InboundMail& mail);
  core::Result<InboundOutcome> add_comment(const InboundMail& mail, const Ticket& ticket);
  core::Result<InboundOutcome> open_ticket(const InboundMail& mail);
  core::Result<InboundOutcome> act_on(const InboundMail& mail);

  TicketService& tickets_;
  TicketRepository& store_;
  UserRepository& users_;
  CatalogRepository& catalog_;
  OutboxRepository& outbox_;
  InboundMailLog& log_;
  const core::Clock& clock_;
  InboundSettings settings_;
};

/// The ticket number a Message-ID of ours names (`ticket.{number}@host`), if any.
std::optional<TicketNumber> ticket_number_in_message_id(std::string_view message_id, std::string_view host);
/// The outbox id a Message-ID of ours names (`o{id}.{ms}@host`), if any.
std::optional<OutboxId> outbox_id_in_message_id(std::string_view message_id, std::string_view host);
/// The first ticket number written in a subject ("Re: [261125-7KQ2MX] …"), if any.
std::optional<TicketNumber> ticket_number_in_subject(std::string_view subject);
/// A subject without reply and forward prefixes (Re:, RE:, Fwd:, 回复：, 答复:, 转发:).
std::string strip_reply_prefixes(std::string_view subject);

}  // namespace gongdan::domain
