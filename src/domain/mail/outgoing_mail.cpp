#include "domain/mail/outgoing_mail.hpp"

#include <array>
#include <utility>

namespace gongdan::domain {
namespace {

// Wire names as in docs/mail.md; stored in the outbox and shown on the admin page.
constexpr std::array<std::pair<MailKind, std::string_view>, 9> kMailKindNames{{
    {MailKind::kTicketConfirmation, "ticket_confirmation"},
    {MailKind::kAgentReply, "agent_reply"},
    {MailKind::kStatusChanged, "status_changed"},
    {MailKind::kTicketLink, "ticket_link"},
    {MailKind::kTicketList, "ticket_list"},
    {MailKind::kSignInLink, "sign_in_link"},
    {MailKind::kEmailVerification, "email_verification"},
    {MailKind::kTestMail, "test_mail"},
    {MailKind::kSlaBreached, "sla_breached"},
}};

constexpr std::array<std::pair<OutboxState, std::string_view>, 4> kOutboxStateNames{{
    {OutboxState::kQueued, "queued"},
    {OutboxState::kSending, "sending"},
    {OutboxState::kSent, "sent"},
    {OutboxState::kFailed, "failed"},
}};

}  // namespace

std::string_view to_string(MailKind kind) {
  for (const auto& [k, name] : kMailKindNames) {
    if (k == kind) return name;
  }
  return "test_mail";
}

std::optional<MailKind> parse_mail_kind(std::string_view text) {
  for (const auto& [kind, name] : kMailKindNames) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

const std::vector<MailKind>& all_mail_kinds() {
  static const std::vector<MailKind> kinds = [] {
    std::vector<MailKind> result;
    result.reserve(std::size(kMailKindNames));
    for (const auto& entry : kMailKindNames) result.push_back(entry.first);
    return result;
  }();
  return kinds;
}

bool is_notification(MailKind kind) { return kind == MailKind::kAgentReply || kind == MailKind::kStatusChanged; }

std::string_view to_string(OutboxState state) {
  for (const auto& [s, name] : kOutboxStateNames) {
    if (s == state) return name;
  }
  return "queued";
}

std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (const auto& [state, name] : kOutboxStateNames) {
    if (name == text) return state;
  }
  return std::nullopt;
}

std::string_view to_string(LinkPurpose purpose) { return purpose == LinkPurpose::kSignIn ? "sign_in" : "ticket"; }

}  // namespace gongdan::domain
