#include "domain/mail/outgoing_mail.hpp"

#include <array>

namespace gongdan::domain {
namespace {

// The stored and wire words of each kind, in declaration order.
constexpr std::array<std::pair<MailKind, std::string_view>, 8> kKindWords{{
    {MailKind::kTicketConfirmation, "ticket_confirmation"},
    {MailKind::kAgentReply, "agent_reply"},
    {MailKind::kStatusChanged, "status_changed"},
    {MailKind::kTicketLink, "ticket_link"},
    {MailKind::kTicketList, "ticket_list"},
    {MailKind::kSignInLink, "sign_in_link"},
    {MailKind::kEmailVerification, "email_verification"},
    {MailKind::kTestMail, "test_mail"},
}};

constexpr std::array<std::pair<OutboxState, std::string_view>, 4> kStateWords{{
    {OutboxState::kQueued, "queued"},
    {OutboxState::kSending, "sending"},
    {OutboxState::kSent, "sent"},
    {OutboxState::kFailed, "failed"},
}};

}  // namespace

std::string_view to_string(MailKind kind) {
  for (const auto& [k, word] : kKindWords) {
    if (k == kind) return word;
  }
  return "test_mail";
}

std::optional<MailKind> parse_mail_kind(std::string_view text) {
  for (const auto& [kind, word] : kKindWords) {
    if (word == text) return kind;
  }
  return std::nullopt;
}

const std::vector<MailKind>& all_mail_kinds() {
  static const std::vector<MailKind> kinds = [] {
    std::vector<MailKind> list;
    list.reserve(kKindWords.size());
    for (const auto& [kind, word] : kKindWords) list.push_back(kind);
    return list;
  }();
  return kinds;
}

bool is_notification(MailKind kind) { return kind == MailKind::kAgentReply || kind == MailKind::kStatusChanged; }

std::string_view to_string(OutboxState state) {
  for (const auto& [s, word] : kStateWords) {
    if (s == state) return word;
  }
  return "queued";
}

std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (const auto& [state, word] : kStateWords) {
    if (word == text) return state;
  }
  return std::nullopt;
}

std::string_view to_string(LinkPurpose purpose) { return purpose == LinkPurpose::kSignIn ? "sign_in" : "ticket"; }

}  // namespace gongdan::domain
