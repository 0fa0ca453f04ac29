#include "storage/repositories/sql_ticket_repository.hpp"

#include <algorithm>
#include <map>

#include "storage/repositories/field_rows.hpp"
#include "storage/repositories/mail_effects_writer.hpp"
#include "storage/repositories/rows.hpp"
#include "storage/repositories/search_index_writer.hpp"
#include "storage/repositories/ticket_inserts.hpp"
#include "storage/repositories/ticket_list_query.hpp"
#include "storage/repositories/ticket_sla_writer.hpp"
#include "storage/repositories/ticket_workspace_writer.hpp"

namespace gongdan::storage {
namespace {

using sql::Connection;

// The ticket a write decides on, locked until the write commits. SQLite's single writer runs one
// write at a time; on PostgreSQL two processes changing the same ticket would both decide on the
// state before either change (a lost update), so the row is locked (`OF t`: the joined rows may be
// absent, and only the ticket is decided on).
std::optional<domain::Ticket> load_ticket_for_update(Connection& db, core::TicketId id) {
  if (db.dialect() == sql::Dialect::kSqlite) return load_ticket(db, id);
  // Made once, as select_ticket_by_id: every change of a ticket on PostgreSQL reads it.
  static const std::string locked = select_ticket(sql::Dialect::kPostgres) + "WHERE t.id = ? FOR UPDATE OF t";
  auto query = db.cached(locked);
  if (!query->bind(1, id.value).step()) return std::nullopt;
  return read_ticket(*query);
}

// Attachments of a ticket grouped under their messages.
void attach_files(Connection& db, core::TicketId id, std::vector<domain::Message>& messages) {
  std::map<std::int64_t, domain::Message*> by_id;
  for (auto& message : messages) by_id.emplace(message.id.value, &message);
  auto query = db.cached(std::string(kSelectAttachment) + "WHERE a.ticket_id = ? ORDER BY a.id");
  query->bind(1, id.value);
  while (query->step()) {
    auto attachment = read_attachment(*query);
    // Attachments of internal notes are dropped along with their notes.
    if (const auto it = by_id.find(attachment.message_id.value); it != by_id.end()) {
      it->second->attachments.push_back(std::move(attachment));
    }
  }
}

// Writes a decided change of `current`: the ticket's state, the appended message and events, and
// the mail it queues; returns the ticket as stored.
core::Result<domain::ChangedTicket> apply_change(Connection& db, const domain::Ticket& current,
                                                 const domain::TicketChange& change) {
  const core::TicketId id = current.id;
  const domain::Ticket& t = change.updated;
  // Subject, description, number and owner never change after submission; only state does.
  auto update = db.cached(
      "UPDATE tickets SET category_id = ?, status = ?, priority = ?, updated_at = ?, resolved_at = ?, "
      "closed_at = ?, group_id = ?, assignee_user_id = ?, last_customer_message_at = ?, "
      "first_response_due_at = ? WHERE id = ?");
  update
      ->bind_all(t.category_id.value, domain::to_string(t.status), priority_value(t.priority),
                 core::to_epoch_ms(t.updated_at), optional_ms(t.resolved_at), optional_ms(t.closed_at),
                 optional_id(t.group_id), optional_id(t.assignee_id), optional_ms(t.last_customer_message_at),
                 optional_ms(t.first_response_due_at), id.value)
      .run();
  if (t.tags != current.tags) write_tags(db, id, current.tags, t.tags);
  domain::ChangedTicket changed{current, std::nullopt};
  if (change.message) {
    changed.message = insert_message(db, id, *change.message, t.updated_at);
    index_message(db, id, change.message->body);
  }
  for (const auto& more : change.more_messages) {
    insert_message(db, id, more, t.updated_at);
    index_message(db, id, more.body);
  }
  for (const auto& event : change.events) insert_event(db, id, event, t.updated_at);
  if (change.field_edit) apply_field_edit(db, id, *change.field_edit, t.updated_at);
  write_mail_effects(db, change.effects, std::nullopt, std::nullopt, t.updated_at);
  follow_ticket_sla(db, current, change);
  auto stored = load_ticket(db, id);
  if (!stored) return core::Error::unavailable("The changed ticket could not be read back.");
  changed.ticket = std::move(*stored);
  return changed;
}

// A merge: the source's conversation appears in the target's history at its original times. The
// attachment rows are copied too; the bytes are content-addressed and shared.
void copy_messages(Connection& db, core::TicketId from, core::TicketId to, bool as_internal) {
  auto query = db.cached(std::string(kSelectMessage) + "WHERE ticket_id = ? ORDER BY created_at, id");
  query->bind(1, from.value);
  std::vector<domain::Message> messages;
  while (query->step()) messages.push_back(read_message(*query));
  attach_files(db, from, messages);
  for (const auto& message : messages) {
    domain::NewMessage copy{message.author, message.body, message.internal || as_internal, {}};
    for (const auto& a : message.attachments) copy.files.push_back({a.filename, a.content_type, a.size, a.storage_key});
    insert_message(db, to, copy, message.created_at);
    index_message(db, to, message.body);  // staff search finds the merged words in the survivor
  }
}

}  // namespace

core::Result<domain::Ticket> SqlTicketRepository::create(const domain::NewTicket& new_ticket) {
  // Made before the write job: the writer thread is the one every write waits for.
  const auto search_document = new_ticket_document(new_ticket.ticket, new_ticket.first_message.body);
  const auto mail_payload_texts = mail_payloads(new_ticket.effects);
  // The ticket an earlier submission with the same idempotency key stored, if any.
  const auto earlier_ticket = [&](Connection& db) -> std::optional<core::Result<domain::Ticket>> {
    if (!new_ticket.idempotency) return std::nullopt;
    auto earlier = db.cached("SELECT ticket_id FROM idempotency_keys WHERE scope = ? AND key = ?");
    earlier->bind_all(new_ticket.idempotency->scope, new_ticket.idempotency->key);
    if (!earlier->step()) return std::nullopt;
    const core::TicketId id{earlier->int64(0)};
    earlier->reset();
    if (auto ticket = load_ticket(db, id)) return core::Result<domain::Ticket>(std::move(*ticket));
    return core::Result<domain::Ticket>(core::Error::unavailable("The ticket of this idempotency key is missing."));
  };
  const auto attempt = [&](Connection& db) -> core::Result<domain::Ticket> {
    if (auto earlier = earlier_ticket(db)) return std::move(*earlier);
    // Checking first tells this collision apart from every other constraint. On SQLite only the
    // writer writes, so it cannot race another insert; on PostgreSQL see below.
    auto taken = db.cached("SELECT 1 FROM tickets WHERE number = ?");
    if (taken->bind(1, new_ticket.ticket.number.str()).step()) {
      taken->reset();
      // PostgreSQL (READ COMMITTED): the same submission through another process may have
      // committed between the key check above and this one; each statement sees the latest
      // commits, so asking for the key again answers with that ticket.
      if (auto earlier = earlier_ticket(db)) return std::move(*earlier);
      return core::Error::conflict("number_taken", "The ticket number is already in use.");
    }
    taken->reset();
    domain::Ticket ticket = new_ticket.ticket;
    ticket.group_id = group_for_new_ticket(db, ticket);
    if (new_ticket.auto_assign && !ticket.assignee_id && ticket.group_id) {
      ticket.assignee_id = assign_on_arrival(db, *ticket.group_id);
    }
    // The due times go into the ticket row's insert: updating the row afterwards cost a second
    // write of it and of its three service-level index entries on every submission.
    const auto sla = plan_ticket_sla(db, ticket);
    const core::TicketId id = insert_ticket(db, ticket, sla.columns);
    write_tags(db, id, {}, ticket.tags);
    write_search_document(db, id, search_document);
    insert_message(db, id, new_ticket.first_message, new_ticket.ticket.created_at);
    insert_field_values(db, id, new_ticket.field_values);
    for (const auto& more : new_ticket.more_messages) insert_message(db, id, more, new_ticket.ticket.created_at);
    for (const auto& event : new_ticket.events) insert_event(db, id, event, new_ticket.ticket.created_at);
    write_mail_effects(db, new_ticket.effects, mail_payload_texts, id, new_ticket.ticket.number.str(),
                       new_ticket.ticket.created_at);
    if (new_ticket.idempotency) {
      auto remember = db.cached("INSERT INTO idempotency_keys (scope, key, ticket_id, created_at) VALUES (?, ?, ?, ?)");
      remember
          ->bind_all(new_ticket.idempotency->scope, new_ticket.idempotency->key, id.value,
                     core::to_epoch_ms(new_ticket.ticket.created_at))
          .run();
    }
    start_ticket_sla(db, id, sla);
    if (auto stored = load_ticket(db, id)) return std::move(*stored);
    return core::Error::unavailable("The new ticket could not be read back.");
  };
  auto created = store_.write(attempt);
  // PostgreSQL: another process may have inserted the same number or idempotency key after this
  // job's checks, and this insert then waited for it and failed on the unique key. Run once more:
  // the checks now see the committed row and answer as on SQLite (number_taken, or the ticket of
  // the key). Only a failed create pays for it; SQLite's writer cannot race itself.
  if (!created && created.error().code == core::ErrorCode::kConflict && created.error().reason == "conflict" &&
      store_.dialect() == sql::Dialect::kPostgres) {
    created = store_.write(attempt);
  }
  return created;
}

core::Result<domain::ChangedTicket> SqlTicketRepository::modify(core::TicketId id,
                                                                const domain::TicketDecision& decide) {
  return store_.write([&](Connection& db) -> core::Result<domain::ChangedTicket> {
    auto current = load_ticket_for_update(db, id);
    if (!current) return core::Error::not_found("No such ticket.");
    auto change = decide(*current);
    if (!change) return change.take_error();
    return apply_change(db, *current, *change);
  });
}

core::Result<domain::ChangedTicket> SqlTicketRepository::merge(core::TicketId source_id, core::TicketId target_id,
                                                               const domain::MergeDecision& decide) {
  return store_.write([&](Connection& db) -> core::Result<domain::ChangedTicket> {
    // Locked in id order, so that two merges of the same pair in opposite directions queue
    // instead of deadlocking.
    const bool source_first = source_id.value < target_id.value;
    auto first = load_ticket_for_update(db, source_first ? source_id : target_id);
    auto second = load_ticket_for_update(db, source_first ? target_id : source_id);
    auto& source = source_first ? first : second;
    auto& target = source_first ? second : first;
    if (!source || !target) return core::Error::not_found("No such ticket.");
    auto plan = decide(*source, *target);
    if (!plan) return plan.take_error();
    copy_messages(db, source_id, target_id, plan->copy_as_internal);
    auto merged = apply_change(db, *source, plan->source);
    if (!merged) return merged.take_error();
    db.cached("UPDATE tickets SET merged_into_ticket_id = ? WHERE id = ?")
        ->bind_all(target_id.value, source_id.value)
        .run();
    return apply_change(db, *target, plan->target);
  });
}

std::optional<domain::Ticket> SqlTicketRepository::find_by_number(const domain::TicketNumber& number) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::Ticket> {
    auto query = db.cached(select_ticket_by_number(db.dialect()));
    if (!query->bind(1, number.str()).step()) return std::nullopt;
    return read_ticket(*query);
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

// A status lookup answers with the number, status and updated_at, and reply_by: the columns
// those need, without the tags, the group's and assignee's names, the merged ticket's number and
// the text, which were most of a lookup's reading (docs/performance.md).
constexpr std::string_view kSelectLookupTicket =
    "SELECT t.id, t.status, t.priority, COALESCE(u.email, t.guest_email, ''), t.created_at, t.updated_at, "
    "t.group_id, t.merged_into_ticket_id, t.first_response_due_at, t.next_response_due_at, COALESCE(sp.name, '') "
    "FROM tickets t LEFT JOIN users u ON u.id = t.customer_user_id "
    "LEFT JOIN sla_policies sp ON sp.id = t.sla_policy_id WHERE t.number = ?";

std::optional<domain::Ticket> SqlTicketRepository::find_for_lookup(const domain::TicketNumber& number) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::Ticket> {
    auto row = db.cached(kSelectLookupTicket);
    if (!row->bind(1, number.str()).step()) return std::nullopt;
    domain::Ticket ticket;
    ticket.id = core::TicketId{row->int64(0)};
    ticket.number = number;  // the row's, which the WHERE matched
    ticket.status = status_from(row->text(1));
    ticket.priority = priority_from(row->int64(2));
    ticket.customer.email = row->text(3);
    ticket.created_at = core::from_epoch_ms(row->int64(4));
    ticket.updated_at = core::from_epoch_ms(row->int64(5));
    if (const auto group = row->optional_int64(6)) ticket.group_id = core::GroupId{*group};
    if (const auto into = row->optional_int64(7)) ticket.merged_into_id = core::TicketId{*into};
    if (const auto at = row->optional_int64(8)) ticket.first_response_due_at = core::from_epoch_ms(*at);
    if (const auto at = row->optional_int64(9)) ticket.next_response_due_at = core::from_epoch_ms(*at);
    ticket.sla_policy = row->text(10);
    return ticket;
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

std::optional<domain::Ticket> SqlTicketRepository::find_by_id(core::TicketId id) {
  auto found = store_.read([&](Connection& db) { return load_ticket(db, id); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::Page<domain::Ticket>> SqlTicketRepository::list(const domain::TicketQuery& query) {
  auto list = TicketListQuery::make(query, store_.dialect());
  if (!list) return list.take_error();
  return store_.read([&](Connection& db) { return list->run(db); });
}

std::int64_t SqlTicketRepository::count(const domain::TicketQuery& query) {
  auto list = TicketListQuery::make(query, store_.dialect());
  if (!list) return 0;
  auto counted = store_.read([&](Connection& db) { return list->count(db); });
  return counted.ok() ? *counted : 0;
}

std::vector<domain::Message> SqlTicketRepository::messages(core::TicketId id, bool include_internal) {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached(std::string(kSelectMessage) + "WHERE ticket_id = ? AND (? OR internal = 0) " +
                           "ORDER BY created_at, id");
    query->bind_all(id.value, include_internal);
    std::vector<domain::Message> list;
    while (query->step()) list.push_back(read_message(*query));
    attach_files(db, id, list);
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Message>{};
}

std::vector<domain::TicketEvent> SqlTicketRepository::events(core::TicketId id) {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached(
        "SELECT id, ticket_id, type, from_value, to_value, author_user_id, author_name, author_role, created_at, "
        "field_key FROM ticket_events WHERE ticket_id = ? ORDER BY created_at, id");
    query->bind(1, id.value);
    std::vector<domain::TicketEvent> list;
    while (query->step()) {
      domain::TicketEvent event;
      event.id = core::EventId{query->int64(0)};
      event.ticket_id = core::TicketId{query->int64(1)};
      event.type = event_type_from(query->text(2));
      event.from = query->text(3);
      event.to = query->text(4);
      if (const auto user = query->optional_int64(5)) event.author.user_id = core::UserId{*user};
      event.author.name = query->text(6);
      event.author.role = role_from(query->text(7));
      event.created_at = core::from_epoch_ms(query->int64(8));
      event.field = query->text(9);
      list.push_back(std::move(event));
    }
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::TicketEvent>{};
}

std::vector<domain::TicketFieldValue> SqlTicketRepository::custom_field_values(core::TicketId id) {
  auto found = store_.read([&](Connection& db) { return ticket_field_values(db, id); });
  return found.ok() ? std::move(found).value() : std::vector<domain::TicketFieldValue>{};
}

std::optional<domain::Attachment> SqlTicketRepository::find_attachment(core::AttachmentId id) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::Attachment> {
    auto query = db.cached(std::string(kSelectAttachment) + "WHERE a.id = ?");
    if (!query->bind(1, id.value).step()) return std::nullopt;
    return read_attachment(*query);
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

std::vector<domain::Ticket> SqlTicketRepository::active_tickets_of(core::UserId customer, int limit) {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached(select_ticket(db.dialect()) +
                           "WHERE t.customer_user_id = ? AND t.status IN ('new', 'open', 'pending') "
                           "ORDER BY t.created_at DESC, t.id DESC LIMIT ?");
    query->bind_all(customer.value, std::clamp(limit, 0, TicketListQuery::kMaxLimit));
    std::vector<domain::Ticket> list;
    while (query->step()) list.push_back(read_ticket(*query));
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Ticket>{};
}

}  // namespace gongdan::storage
