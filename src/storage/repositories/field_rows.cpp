#include "storage/repositories/field_rows.hpp"

#include <string>

namespace gongdan::storage {
namespace {

// The columns read_field reads, in its order.
constexpr std::string_view kFieldColumns =
    "f.id, f.category_id, f.field_key, f.label_zh, f.label_en, f.type, f.required, f.position, f.active";
const std::string kSelectField = "SELECT " + std::string(kFieldColumns) + " FROM category_fields f ";

domain::FieldDefinition read_field(const sql::Statement& row) {
  domain::FieldDefinition field;
  field.id = core::FieldId{row.int64(0)};
  field.category_id = core::CategoryId{row.int64(1)};
  field.key = row.text(2);
  field.label_zh = row.text(3);
  field.label_en = row.text(4);
  // An unknown type (written by a newer program) reads as text: shown, never misinterpreted as a choice.
  field.type = domain::parse_field_type(row.text(5)).value_or(domain::FieldType::kText);
  field.required = row.boolean(6);
  field.position = row.int32(7);
  field.active = row.boolean(8);
  return field;
}

void load_options(sql::Connection& db, std::vector<domain::FieldDefinition>& fields) {
  auto query =
      db.cached("SELECT value, label_zh, label_en FROM category_field_options WHERE field_id = ? ORDER BY position");
  for (auto& field : fields) {
    if (field.type != domain::FieldType::kDropdown) continue;
    query->reset();
    query->bind(1, field.id.value);
    while (query->step()) field.options.push_back({query->text(0), query->text(1), query->text(2)});
  }
  query->reset();
}

std::optional<std::string> held_value(sql::Connection& db, core::TicketId ticket, core::FieldId field) {
  auto query = db.cached("SELECT value FROM ticket_field_values WHERE ticket_id = ? AND field_id = ?");
  query->bind_all(ticket.value, field.value);
  std::optional<std::string> value;
  if (query->step()) value = query->text(0);
  query->reset();
  return value;
}

}  // namespace

std::vector<domain::FieldDefinition> category_field_definitions(sql::Connection& db, core::CategoryId category) {
  auto query = db.cached(kSelectField + "WHERE f.category_id = ? ORDER BY f.position, f.id");
  query->bind(1, category.value);
  std::vector<domain::FieldDefinition> fields;
  while (query->step()) fields.push_back(read_field(*query));
  load_options(db, fields);
  return fields;
}

std::vector<domain::FieldDefinition> active_field_definitions(sql::Connection& db) {
  auto query = db.cached(kSelectField +
                         "JOIN categories c ON c.id = f.category_id WHERE f.active = 1 AND c.active = 1 "
                         "ORDER BY f.category_id, f.position, f.id");
  std::vector<domain::FieldDefinition> fields;
  while (query->step()) fields.push_back(read_field(*query));
  load_options(db, fields);
  return fields;
}

void insert_field_values(sql::Connection& db, core::TicketId ticket, const std::vector<domain::FieldValue>& values) {
  for (const auto& v : values) {
    auto insert = db.cached("INSERT INTO ticket_field_values (ticket_id, field_id, value) VALUES (?, ?, ?)");
    insert->bind_all(ticket.value, v.field_id.value, v.value).run();
  }
}

void apply_field_edit(sql::Connection& db, core::TicketId ticket, const domain::FieldEdit& edit, core::Timestamp at) {
  for (const auto& change : edit.changes) {
    const auto held = held_value(db, ticket, change.field_id);
    if (held == change.value) continue;
    if (change.value) {
      auto upsert = db.cached(
          "INSERT INTO ticket_field_values (ticket_id, field_id, value) VALUES (?, ?, ?) "
          "ON CONFLICT (ticket_id, field_id) DO UPDATE SET value = excluded.value");
      upsert->bind_all(ticket.value, change.field_id.value, *change.value).run();
    } else {
      auto remove = db.cached("DELETE FROM ticket_field_values WHERE ticket_id = ? AND field_id = ?");
      remove->bind_all(ticket.value, change.field_id.value).run();
    }
    auto event = db.cached(
        "INSERT INTO ticket_events (ticket_id, type, from_value, to_value, author_user_id, author_name, author_role, "
        "created_at, field_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::optional<std::int64_t> author_id =
        edit.author.user_id ? std::optional<std::int64_t>(edit.author.user_id->value) : std::nullopt;
    event
        ->bind_all(ticket.value, domain::to_string(domain::EventType::kFieldChanged), held.value_or(""),
                   change.value.value_or(""), author_id, edit.author.name, domain::to_string(edit.author.role),
                   core::to_epoch_ms(at), change.key)
        .run();
  }
}

std::vector<domain::TicketFieldValue> ticket_field_values(sql::Connection& db, core::TicketId ticket) {
  auto query = db.cached("SELECT " + std::string(kFieldColumns) +
                         ", v.value FROM ticket_field_values v JOIN category_fields f ON f.id = v.field_id "
                         "WHERE v.ticket_id = ? ORDER BY f.position, f.id");
  query->bind(1, ticket.value);
  std::vector<domain::FieldDefinition> fields;
  std::vector<std::string> values;
  while (query->step()) {
    fields.push_back(read_field(*query));
    values.push_back(query->text(9));
  }
  load_options(db, fields);
  std::vector<domain::TicketFieldValue> out;
  for (std::size_t i = 0; i < fields.size(); ++i) out.push_back({std::move(fields[i]), std::move(values[i])});
  return out;
}

}  // namespace gongdan::storage
