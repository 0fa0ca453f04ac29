#include "domain/mail/inbound_mail_service.hpp"

#include <cctype>
#include <charconv>

#include "core/utf8.hpp"
#include "domain/users/auth_service.hpp"

namespace gongdan::domain {
namespace {

constexpr std::size_t kMaxSubjectChars = 200;
constexpr std::size_t kMaxBodyChars = 20000;
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kNumberChars = 13;  // YYMMDD-XXXXXC
// A claim this old and unfinished belongs to a handler that died; the next delivery takes over.
constexpr std::chrono::minutes kStaleClaim{10};

bool contains_cjk(std::string_view text) {
  // Every CJK ideograph is a three-byte UTF-8 sequence starting with 0xE3-0xE9.
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0xE3 && byte <= 0xE9) return true;
  }
  return false;
}

// The part of a Message-ID before "@host", when the host is ours.
std::optional<std::string_view> our_local_part(std::string_view message_id, std::string_view host) {
  const auto at = message_id.rfind('@');
  if (at == std::string_view::npos || core::ascii_lower(message_id.substr(at + 1)) != core::ascii_lower(host)) {
    return std::nullopt;
  }
  return message_id.substr(0, at);
}

// Trimmed, at most `max_chars` code points, control characters (decoded headers may carry CR/LF,
// bodies stray escapes) as spaces; line breaks and tabs stay where `multiline`.
std::string fitted(std::string_view text, std::size_t max_chars, bool multiline = false) {
  std::string out(core::utf8_prefix(core::trim(text), max_chars));
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    const bool kept = multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((byte < 0x20 || byte == 0x7F) && !kept) c = ' ';
  }
  return out;
}

}  // namespace

std::string_view to_string(InboundOutcome::Kind kind) {
  switch (kind) {
    case InboundOutcome::Kind::kCommented: return "commented";
    case InboundOutcome::Kind::kCreated: return "created";
    case InboundOutcome::Kind::kIgnored: return "ignored";
    case InboundOutcome::Kind::kDuplicate: return "duplicate";
  }
  return "ignored";
}

std::optional<TicketNumber> ticket_number_in_message_id(std::string_view message_id, std::string_view host) {
  const auto local = our_local_part(message_id, host);
  if (!local || !local->starts_with("ticket.")) return std::nullopt;
  auto number = TicketNumber::parse(local->substr(7));
  if (!number) return std::nullopt;
  return std::move(number).value();
}

std::optional<OutboxId> outbox_id_in_message_id(std::string_view message_id, std::string_view host) {
  const auto local = our_local_part(message_id, host);
  if (!local || !local->starts_with('o')) return std::nullopt;
  std::int64_t id = 0;
  const auto* begin = local->data() + 1;
  const auto* end = local->data() + local->size();
  const auto [ptr, ec] = std::from_chars(begin, end, id);
  if (ec != std::errc{} || ptr == begin || ptr == end || *ptr != '.') return std::nullopt;
  return OutboxId{id};
}

std::optional<TicketNumber> ticket_number_in_subject(std::string_view subject) {
  // Numbers look like 261125-7KQ2MX: six digits, a dash, six letters or digits.
  for (std::size_t i = 0; i + kNumberChars <= subject.size(); ++i) {
    if (subject[i + 6] != '-') continue;
    if (i > 0 && std::isalnum(static_cast<unsigned char>(subject[i - 1]))) continue;
    auto number = TicketNumber::parse(subject.substr(i, kNumberChars));
    if (number) return std::move(number).value();
  }
  return std::nullopt;
}

std::string strip_reply_prefixes(std::string_view subject) {
  static constexpr std::string_view kPrefixes[] = {"re:",    "re：",  "fw:",    "fwd:",  "fwd：",  "aw:",   "回复:",
                                                   "回复：", "答复:", "答复：", "转发:", "转发：", "回覆:", "回覆："};
  std::string_view rest = core::trim(subject);
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (const auto prefix : kPrefixes) {
      if (rest.size() >= prefix.size() && core::ascii_lower(rest.substr(0, prefix.size())) == prefix) {
        rest = core::trim(rest.substr(prefix.size()));
        stripped = true;
      }
    }
  }
  return std::string(rest);
}

InboundMailService::InboundMailService(TicketService& tickets, TicketRepository& store, UserRepository& users,
                                       CatalogRepository& catalog, OutboxRepository& outbox, InboundMailLog& log,
                                       const core::Clock& clock, InboundSettings settings)
    : tickets_(tickets),
      store_(store),
      users_(users),
      catalog_(catalog),
      outbox_(outbox),
      log_(log),
      clock_(clock),
      settings_(std::move(settings)) {}

core::Result<InboundOutcome> InboundMailService::handle(const InboundMail& mail) {
  const auto now = clock_.now();
  // Claimed before anything is done, so that of two deliveries of one message only one acts.
  auto claimed = log_.claim(mail.message_id, mail.from_email, now, now - kStaleClaim);
  if (!claimed) return claimed.take_error();
  if (!*claimed) return InboundOutcome{InboundOutcome::Kind::kDuplicate, std::nullopt, "seen before"};
  auto outcome = act_on(mail);
  if (!outcome) {
    // Storage failed mid-way: give the message back, so that the MTA's or the poller's retry
    // handles it. Changes made before the failure were committed whole or not at all.
    (void)log_.release(mail.message_id);
    return outcome.take_error();
  }
  std::string recorded(to_string(outcome->kind));
  if (outcome->ticket) recorded += " " + outcome->ticket->str();
  if (!outcome->reason.empty()) recorded += ": " + outcome->reason;
  if (auto finished = log_.finish(mail.message_id, recorded); !finished) return finished.take_error();
  return outcome;
}

core::Result<InboundOutcome> InboundMailService::act_on(const InboundMail& mail) {
  if (mail.automatic) return InboundOutcome{InboundOutcome::Kind::kIgnored, std::nullopt, *mail.automatic};
  if (mail.from_email.empty() || check_email("from", mail.from_email)) {
    return InboundOutcome{InboundOutcome::Kind::kIgnored, std::nullopt, "no usable sender address"};
  }
  // The count includes this message's own claim.
  const auto hour_ago = clock_.now() - std::chrono::hours{1};
  if (log_.count_from(mail.from_email, hour_ago) > settings_.max_per_sender_per_hour) {
    return InboundOutcome{InboundOutcome::Kind::kIgnored, std::nullopt, "too many messages from this sender"};
  }
  if (auto ticket = thread_of(mail)) {
    // Only the ticket's customer may add to it by mail; anyone else starts a ticket of their own.
    if (ticket->customer.email == mail.from_email && ticket->status != Status::kClosed) {
      return add_comment(mail, *ticket);
    }
  }
  return open_ticket(mail);
}

std::optional<Ticket> InboundMailService::thread_of(const InboundMail& mail) {
  for (const auto& reference : mail.references) {
    if (auto number = ticket_number_in_message_id(reference, settings_.message_id_host)) {
      if (auto ticket = store_.find_by_number(*number)) return ticket;
    }
    if (auto id = outbox_id_in_message_id(reference, settings_.message_id_host)) {
      if (auto entry = outbox_.find(*id); entry && entry->mail.ticket_id) {
        if (auto ticket = store_.find_by_id(*entry->mail.ticket_id)) return ticket;
      }
    }
  }
  if (auto number = ticket_number_in_subject(mail.subject)) return store_.find_by_number(*number);
  return std::nullopt;
}

core::Result<InboundOutcome> InboundMailService::add_comment(const InboundMail& mail, const Ticket& ticket) {
  Actor actor;
  actor.grant = TicketGrant{ticket.id, ticket.customer.email};
  if (ticket.customer.user_id) actor.user = users_.find_by_id(*ticket.customer.user_id);
  MessageSubmission message;
  message.body = fitted(mail.body, kMaxBodyChars, true);
  if (message.body.empty()) {
    if (mail.attachments.empty()) {
      return InboundOutcome{InboundOutcome::Kind::kIgnored, ticket.number, "no new text"};
    }
    message.body = ticket.customer.locale == Locale::kZhCn ? "（邮件只有附件）" : "(attachments only)";
  }
  message.files = mail.attachments;
  auto commented = tickets_.comment(actor, ticket.number.str(), message);
  if (!commented && commented.error().code == core::ErrorCode::kInvalid && !message.files.empty()) {
    // Files the ticket cannot take (type, size, count) must not cost the customer their text.
    message.files.clear();
    message.body += ticket.customer.locale == Locale::kZhCn ? "\n\n（附件未能接收：类型或大小不符合要求）"
                                                            : "\n\n(Attachments could not be accepted: type or size.)";
    commented = tickets_.comment(actor, ticket.number.str(), message);
  }
  if (!commented) {
    if (commented.error().code == core::ErrorCode::kUnavailable) return commented.take_error();
    return InboundOutcome{InboundOutcome::Kind::kIgnored, ticket.number, commented.error().message};
  }
  return InboundOutcome{InboundOutcome::Kind::kCommented, ticket.number, {}};
}

core::Result<InboundOutcome> InboundMailService::open_ticket(const InboundMail& mail) {
  const auto categories = catalog_.categories();
  if (categories.empty()) return core::Error::unavailable("No category to file mail under.");
  Actor actor;
  TicketSubmission submission;
  // Only an account whose owner proved the address: anyone can register someone else's address,
  // and must not thereby receive the tickets that person opens by mail.
  if (auto user = users_.find_by_email(mail.from_email); user && user->email_verified_at) {
    actor.user = std::move(user);
  } else {
    const auto at = mail.from_email.find('@');
    const std::string name = core::trim(mail.from_name).empty() ? mail.from_email.substr(0, at) : mail.from_name;
    submission.guest = GuestContact{fitted(name, kMaxNameChars), mail.from_email};
  }
  submission.category_id = categories.front().id.value;
  submission.subject = fitted(strip_reply_prefixes(mail.subject), kMaxSubjectChars);
  const bool chinese = contains_cjk(mail.subject) || contains_cjk(mail.body);
  if (submission.subject.empty()) submission.subject = chinese ? "（无主题）" : "(no subject)";
  submission.description = fitted(mail.body, kMaxBodyChars, true);
  if (submission.description.empty()) submission.description = submission.subject;
  submission.environment.platform = "email";
  submission.channel = Channel::kMail;
  submission.locale = chinese ? Locale::kZhCn : Locale::kEn;
  submission.files = mail.attachments;
  auto created = tickets_.submit(actor, submission);
  if (!created && created.error().code == core::ErrorCode::kInvalid && !submission.files.empty()) {
    submission.files.clear();
    submission.description += chinese ? "\n\n（附件未能接收：类型或大小不符合要求）"
                                      : "\n\n(Attachments could not be accepted: type or size.)";
    created = tickets_.submit(actor, submission);
  }
  if (!created) {
    if (created.error().code == core::ErrorCode::kUnavailable) return created.take_error();
    return InboundOutcome{InboundOutcome::Kind::kIgnored, std::nullopt, created.error().message};
  }
  return InboundOutcome{InboundOutcome::Kind::kCreated, created->number, {}};
}

}  // namespace gongdan::domain
