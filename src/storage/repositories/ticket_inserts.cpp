#include "storage/repositories/ticket_inserts.hpp"

#include <stdexcept>

#include "storage/repositories/rows.hpp"

namespace gongdan::storage {

std::int64_t returned_id(sql::Statement& insert) {
  if (!insert.step()) throw std::logic_error("INSERT ... RETURNING id returned no row");
  const std::int64_t id = insert.int64(0);
  insert.run();  // to completion, so that the statement is done before it goes back to the cache
  return id;
}

domain::Message insert_message(sql::Connection& db, core::TicketId ticket_id, const domain::NewMessage& message,
                               core::Timestamp at) {
  auto insert = db.cached(
      "INSERT INTO messages (ticket_id, author_user_id, author_name, author_role, body, internal, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  const std::optional<std::int64_t> author_id =
      message.author.user_id ? std::optional<std::int64_t>(message.author.user_id->value) : std::nullopt;
  insert->bind_all(ticket_id.value, author_id, message.author.name, domain::to_string(message.author.role),
                   message.body, message.internal, core::to_epoch_ms(at));
  const core::MessageId message_id{returned_id(*insert)};
  domain::Message stored{message_id, ticket_id, message.author, message.body, message.internal, at, {}};
  for (const auto& file : message.files) {
    auto attach = db.cached(
        "INSERT INTO attachments (ticket_id, message_id, filename, content_type, size, storage_key) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    attach->bind_all(ticket_id.value, stored.id.value, file.filename, file.content_type, file.size, file.storage_key);
    const core::AttachmentId attachment_id{returned_id(*attach)};
    stored.attachments.push_back(domain::Attachment{attachment_id, ticket_id, stored.id, file.filename,
                                                    file.content_type, file.size, file.storage_key, message.internal});
  }
  return stored;
}

void insert_event(sql::Connection& db, core::TicketId ticket_id, const domain::NewEvent& event, core::Timestamp at) {
  auto insert = db.cached(
      "INSERT INTO ticket_events (ticket_id, type, from_value, to_value, author_user_id, author_name, author_role, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const std::optional<std::int64_t> author_id =
      event.author.user_id ? std::optional<std::int64_t>(event.author.user_id->value) : std::nullopt;
  insert
      ->bind_all(ticket_id.value, domain::to_string(event.type), event.from, event.to, author_id, event.author.name,
                 domain::to_string(event.author.role), core::to_epoch_ms(at))
      .run();
}

core::TicketId insert_ticket(sql::Connection& db, const domain::Ticket& t, const TicketSlaColumns& sla) {
  auto insert = db.cached(
      "INSERT INTO tickets (number, category_id, subject, description, occurred_at, env_platform, env_os, "
      "env_app_version, env_device, urgency, status, priority, customer_user_id, guest_name, guest_email, "
      "created_at, updated_at, resolved_at, closed_at, customer_locale, group_id, assignee_user_id, "
      "last_customer_message_at, channel, sla_policy_id, first_response_due_at, next_response_due_at, "
      "resolution_due_at, sla_due_at, sla_warn_at, sla_next_check_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  const bool guest = t.customer.guest();
  const std::optional<std::int64_t> customer =
      guest ? std::nullopt : std::optional<std::int64_t>(t.customer.user_id->value);
  // A registered customer's name and email live in users, where they stay current.
  const std::optional<std::string> guest_name = guest ? std::optional(t.customer.name) : std::nullopt;
  const std::optional<std::string> guest_email = guest ? std::optional(t.customer.email) : std::nullopt;
  insert->bind_all(t.number.str(), t.category_id.value, t.subject, t.description, optional_ms(t.occurred_at),
                   t.environment.platform, t.environment.os, t.environment.app_version, t.environment.device,
                   domain::to_string(t.urgency), domain::to_string(t.status), priority_value(t.priority), customer,
                   guest_name, guest_email, core::to_epoch_ms(t.created_at), core::to_epoch_ms(t.updated_at),
                   optional_ms(t.resolved_at), optional_ms(t.closed_at), domain::to_string(t.customer.locale),
                   optional_id(t.group_id), optional_id(t.assignee_id), optional_ms(t.last_customer_message_at),
                   domain::to_string(t.channel), sla.policy_id, optional_ms(sla.first_response_due),
                   optional_ms(sla.next_response_due), optional_ms(sla.resolution_due), optional_ms(sla.due),
                   optional_ms(sla.warn), optional_ms(sla.next_check));
  return core::TicketId{returned_id(*insert)};
}

}  // namespace gongdan::storage
