#include "storage/repositories/mail_rows.hpp"

#include <stdexcept>
#include <string>

#include "storage/repositories/mail_payload.hpp"

namespace gongdan::storage {
namespace {

std::optional<core::Timestamp> optional_time(const sql::Statement& row, int column) {
  const auto ms = row.optional_int64(column);
  if (!ms) return std::nullopt;
  return core::from_epoch_ms(*ms);
}

}  // namespace

domain::OutboxState outbox_state_from(std::string_view text) {
  return domain::parse_outbox_state(text).value_or(domain::OutboxState::kFailed);
}

const std::string_view kSelectOutbox =
    "SELECT id, kind, to_email, to_name, locale, ticket_id, ticket_number, payload, state, attempts, created_at, "
    "next_attempt_at, sent_at, last_error FROM outbox ";

domain::OutboxEntry read_outbox_entry(const sql::Statement& row) {
  domain::OutboxEntry entry;
  entry.id = domain::OutboxId{row.int64(0)};
  const auto kind = domain::parse_mail_kind(row.text(1));
  if (!kind) throw std::runtime_error("outbox " + std::to_string(entry.id.value) + " has an unknown kind");
  entry.mail.kind = *kind;
  entry.mail.to_email = row.text(2);
  entry.mail.to_name = row.text(3);
  entry.mail.locale = domain::parse_locale(row.text(4)).value_or(domain::Locale::kZhCn);
  if (const auto ticket = row.optional_int64(5)) entry.mail.ticket_id = core::TicketId{*ticket};
  entry.mail.ticket_number = row.optional_text(6);
  entry.mail.values = payload_values(row.text(7));
  entry.state = outbox_state_from(row.text(8));
  entry.attempts = row.int32(9);
  entry.created_at = core::from_epoch_ms(row.int64(10));
  entry.next_attempt_at = core::from_epoch_ms(row.int64(11));
  entry.sent_at = optional_time(row, 12);
  entry.last_error = row.text(13);
  return entry;
}

const std::string_view kSelectAccessLink =
    "SELECT id, purpose, token_digest, ticket_id, user_id, email, created_at, expires_at, used_at, revoked_at "
    "FROM access_links ";

domain::AccessLink read_access_link(const sql::Statement& row) {
  domain::AccessLink link;
  link.id = row.int64(0);
  const std::string purpose = row.text(1);
  if (purpose == domain::to_string(domain::LinkPurpose::kTicket)) {
    link.link.purpose = domain::LinkPurpose::kTicket;
  } else if (purpose == domain::to_string(domain::LinkPurpose::kSignIn)) {
    link.link.purpose = domain::LinkPurpose::kSignIn;
  } else {
    throw std::runtime_error("access link " + std::to_string(link.id) + " has an unknown purpose");
  }
  link.link.token_digest = row.text(2);
  if (const auto ticket = row.optional_int64(3)) link.link.ticket_id = core::TicketId{*ticket};
  if (const auto user = row.optional_int64(4)) link.link.user_id = core::UserId{*user};
  link.link.email = row.text(5);
  link.link.created_at = core::from_epoch_ms(row.int64(6));
  link.link.expires_at = core::from_epoch_ms(row.int64(7));
  link.used_at = optional_time(row, 8);
  link.revoked_at = optional_time(row, 9);
  return link;
}

}  // namespace gongdan::storage
