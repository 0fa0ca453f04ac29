#include "storage/repositories/rows.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace gongdan::storage {

domain::Role role_from(std::string_view text) {
  // An unknown role must never grant staff rights.
  return domain::parse_role(text).value_or(domain::Role::kCustomer);
}

domain::Status status_from(std::string_view text) { return domain::parse_status(text).value_or(domain::Status::kOpen); }

domain::Urgency urgency_from(std::string_view text) {
  return domain::parse_urgency(text).value_or(domain::Urgency::kNormal);
}

domain::Priority priority_from(std::int64_t value) {
  if (value < 0 || value > 3) return domain::Priority::kNormal;
  return static_cast<domain::Priority>(value);
}

domain::EventType event_type_from(std::string_view text) {
  return domain::parse_event_type(text).value_or(domain::EventType::kStatusChanged);
}

namespace {

// `{tags}` is the ticket's tags in order, comma-separated: SQLite 3.40 has no string_agg, and
// PostgreSQL has no group_concat. `{staff…}` are the columns only staff see and the joins they
// need: a customer's reading leaves them empty (TicketColumns::kCustomer).
constexpr std::string_view kSelectTicketTemplate =
    "SELECT t.id, t.number, t.category_id, t.subject, t.description, t.occurred_at, "
    "t.env_platform, t.env_os, t.env_app_version, t.env_device, t.urgency, t.status, t.priority, "
    "t.customer_user_id, COALESCE(u.name, t.guest_name, ''), COALESCE(u.email, t.guest_email, ''), "
    "t.created_at, t.updated_at, t.resolved_at, t.closed_at, t.customer_locale, "
    "t.group_id, {staff_group_name}, t.assignee_user_id, {staff_assignee_name}, "
    "{staff_tags}, "
    "t.last_customer_message_at, t.first_response_due_at, t.merged_into_ticket_id, "
    "{staff_merged_number}, t.channel, "
    "t.next_response_due_at, t.resolution_due_at, t.sla_due_at, t.sla_warn_at, COALESCE(sp.name, '') "
    "FROM tickets t LEFT JOIN users u ON u.id = t.customer_user_id "
    "{staff_joins}"
    "LEFT JOIN sla_policies sp ON sp.id = t.sla_policy_id ";
constexpr std::string_view kSqliteTags =
    "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags WHERE ticket_id = t.id ORDER BY tag))";
// COLLATE "C": the byte order SQLite's BINARY collation gives, whatever the database's locale.
constexpr std::string_view kPostgresTags =
    "(SELECT string_agg(tag, ',' ORDER BY tag COLLATE \"C\") FROM ticket_tags WHERE ticket_id = t.id)";

void fill(std::string& text, std::string_view marker, std::string_view value) {
  text.replace(text.find(marker), marker.size(), value);
}

std::string select_ticket_text(sql::Dialect dialect, TicketColumns columns) {
  std::string text(kSelectTicketTemplate);
  if (columns == TicketColumns::kCustomer) {
    // Same columns, same order (read_ticket maps both): constants where staff columns were.
    fill(text, "{staff_group_name}", "''");
    fill(text, "{staff_assignee_name}", "''");
    fill(text, "{staff_tags}", "''");
    fill(text, "{staff_merged_number}", "NULL");
    fill(text, "{staff_joins}", "");
    return text;
  }
  fill(text, "{staff_group_name}", "COALESCE(g.name, '')");
  fill(text, "{staff_assignee_name}", "COALESCE(a.name, '')");
  fill(text, "{staff_tags}", dialect == sql::Dialect::kSqlite ? kSqliteTags : kPostgresTags);
  fill(text, "{staff_merged_number}", "(SELECT number FROM tickets m WHERE m.id = t.merged_into_ticket_id)");
  fill(text, "{staff_joins}",
       "LEFT JOIN agent_groups g ON g.id = t.group_id LEFT JOIN users a ON a.id = t.assignee_user_id ");
  return text;
}

}  // namespace

const std::string& select_ticket(sql::Dialect dialect, TicketColumns columns) {
  using Texts = std::array<std::string, 2>;  // by TicketColumns
  static const std::array<Texts, 2> texts = {
      // by dialect: SQLite, PostgreSQL
      Texts{select_ticket_text(sql::Dialect::kSqlite, TicketColumns::kAll),
            select_ticket_text(sql::Dialect::kSqlite, TicketColumns::kCustomer)},
      Texts{select_ticket_text(sql::Dialect::kPostgres, TicketColumns::kAll),
            select_ticket_text(sql::Dialect::kPostgres, TicketColumns::kCustomer)}};
  return texts.at(dialect == sql::Dialect::kSqlite ? 0 : 1).at(columns == TicketColumns::kAll ? 0 : 1);
}

const std::string& select_ticket_by_id(sql::Dialect dialect) {
  static const std::string sqlite = select_ticket(sql::Dialect::kSqlite) + "WHERE t.id = ?";
  static const std::string postgres = select_ticket(sql::Dialect::kPostgres) + "WHERE t.id = ?";
  return dialect == sql::Dialect::kSqlite ? sqlite : postgres;
}

const std::string& select_ticket_by_number(sql::Dialect dialect) {
  static const std::string sqlite = select_ticket(sql::Dialect::kSqlite) + "WHERE t.number = ?";
  static const std::string postgres = select_ticket(sql::Dialect::kPostgres) + "WHERE t.number = ?";
  return dialect == sql::Dialect::kSqlite ? sqlite : postgres;
}

std::optional<domain::Ticket> load_ticket(sql::Connection& db, core::TicketId id) {
  auto query = db.cached(select_ticket_by_id(db.dialect()));
  if (!query->bind(1, id.value).step()) return std::nullopt;
  return read_ticket(*query);
}

domain::Ticket read_ticket(const sql::Statement& row) {
  domain::Ticket ticket;
  ticket.id = core::TicketId{row.int64(0)};
  auto number = domain::TicketNumber::parse(row.text(1));
  if (!number) throw std::runtime_error("stored ticket number is malformed: " + row.text(1));
  ticket.number = std::move(number).value();
  ticket.category_id = core::CategoryId{row.int64(2)};
  ticket.subject = row.text(3);
  ticket.description = row.text(4);
  if (const auto occurred = row.optional_int64(5)) ticket.occurred_at = core::from_epoch_ms(*occurred);
  ticket.environment = {row.text(6), row.text(7), row.text(8), row.text(9)};
  ticket.urgency = urgency_from(row.text(10));
  ticket.status = status_from(row.text(11));
  ticket.priority = priority_from(row.int64(12));
  if (const auto user = row.optional_int64(13)) ticket.customer.user_id = core::UserId{*user};
  ticket.customer.name = row.text(14);
  ticket.customer.email = row.text(15);
  ticket.created_at = core::from_epoch_ms(row.int64(16));
  ticket.updated_at = core::from_epoch_ms(row.int64(17));
  if (const auto resolved = row.optional_int64(18)) ticket.resolved_at = core::from_epoch_ms(*resolved);
  if (const auto closed = row.optional_int64(19)) ticket.closed_at = core::from_epoch_ms(*closed);
  ticket.customer.locale = domain::parse_locale(row.text(20)).value_or(domain::Locale::kZhCn);
  if (const auto group = row.optional_int64(21)) ticket.group_id = core::GroupId{*group};
  ticket.group_name = row.text(22);
  if (const auto assignee = row.optional_int64(23)) ticket.assignee_id = core::UserId{*assignee};
  ticket.assignee_name = row.text(24);
  // Tags never hold commas (domain/agents/ticket_tags.hpp), so the list splits back exactly.
  const std::string tags = row.text(25);
  for (std::size_t start = 0; start < tags.size();) {
    const auto comma = std::min(tags.find(',', start), tags.size());
    ticket.tags.push_back(tags.substr(start, comma - start));
    start = comma + 1;
  }
  if (const auto at = row.optional_int64(26)) ticket.last_customer_message_at = core::from_epoch_ms(*at);
  if (const auto at = row.optional_int64(27)) ticket.first_response_due_at = core::from_epoch_ms(*at);
  if (const auto into = row.optional_int64(28)) ticket.merged_into_id = core::TicketId{*into};
  ticket.merged_into_number = row.text(29);
  ticket.channel = domain::parse_channel(row.text(30)).value_or(domain::Channel::kWeb);
  // Service levels (docs/sla.md): kept by ticket_sla_writer.
  if (const auto at = row.optional_int64(31)) ticket.next_response_due_at = core::from_epoch_ms(*at);
  if (const auto at = row.optional_int64(32)) ticket.resolution_due_at = core::from_epoch_ms(*at);
  if (const auto at = row.optional_int64(33)) ticket.sla_due_at = core::from_epoch_ms(*at);
  if (const auto at = row.optional_int64(34)) ticket.sla_warn_at = core::from_epoch_ms(*at);
  ticket.sla_policy = row.text(35);
  return ticket;
}

const std::string_view kSelectMessage =
    "SELECT id, ticket_id, author_user_id, author_name, author_role, body, internal, created_at FROM messages ";

domain::Message read_message(const sql::Statement& row) {
  domain::Message message;
  message.id = core::MessageId{row.int64(0)};
  message.ticket_id = core::TicketId{row.int64(1)};
  if (const auto user = row.optional_int64(2)) message.author.user_id = core::UserId{*user};
  message.author.name = row.text(3);
  message.author.role = role_from(row.text(4));
  message.body = row.text(5);
  message.internal = row.boolean(6);
  message.created_at = core::from_epoch_ms(row.int64(7));
  return message;
}

const std::string_view kSelectAttachment =
    "SELECT a.id, a.ticket_id, a.message_id, a.filename, a.content_type, a.size, a.storage_key, m.internal "
    "FROM attachments a JOIN messages m ON m.id = a.message_id ";

domain::Attachment read_attachment(const sql::Statement& row) {
  domain::Attachment attachment;
  attachment.id = core::AttachmentId{row.int64(0)};
  attachment.ticket_id = core::TicketId{row.int64(1)};
  attachment.message_id = core::MessageId{row.int64(2)};
  attachment.filename = row.text(3);
  attachment.content_type = row.text(4);
  attachment.size = row.int64(5);
  attachment.storage_key = row.text(6);
  attachment.internal = row.boolean(7);
  return attachment;
}

}  // namespace gongdan::storage
