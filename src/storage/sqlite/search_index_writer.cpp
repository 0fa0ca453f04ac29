#include "storage/sqlite/search_index_writer.hpp"

#include <stdexcept>

#include "storage/sqlite/rows.hpp"

namespace gongdan::storage::sqlite {
namespace {

// FTS5 turns INSERT OR REPLACE of an existing rowid into delete + insert.
constexpr std::string_view kWriteRow = "INSERT OR REPLACE INTO ticket_search (rowid, tokens) VALUES (?, ?)";

}  // namespace

void write_search_document(Connection& db, core::TicketId id, const domain::SearchDocument& document) {
  // In the writer, at the end of the batch: see DeferredRows.
  db.upsert_at_end(kWriteRow, id.value, document.text());
}

void begin_bulk_indexing(Connection& db) {
  db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0)");
}

void end_bulk_indexing(Connection& db) {
  db.exec("INSERT INTO ticket_search (ticket_search) VALUES ('optimize')");
  db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 4)");
}

void index_new_ticket(Connection& db, core::TicketId id, const domain::Ticket& ticket, std::string_view first_message) {
  domain::SearchDocument document;
  document.add(ticket.customer.name);
  document.add(ticket.customer.email);
  document.add(ticket.number.str());
  document.add(ticket.subject);
  document.add(ticket.description);
  document.add(first_message);
  write_search_document(db, id, document);
}

void index_message(Connection& db, core::TicketId id, std::string_view body) {
  domain::SearchDocument document;
  if (const std::string* pending = db.deferred().find(kWriteRow, id.value)) {
    document = domain::SearchDocument::from_text(*pending);  // written earlier in this batch
  } else if (auto current = db.cached("SELECT tokens FROM ticket_search WHERE rowid = ?");
             current->bind(1, id.value).step()) {
    document = domain::SearchDocument::from_text(current->text(0));
  }
  // A full document or a message without new words leaves the row as it is.
  if (document.add(body)) write_search_document(db, id, document);
}

namespace {

// A ticket's searchable columns: id, customer name, customer email, number, subject, description.
constexpr std::string_view kSelectIndexed =
    "SELECT t.id, COALESCE(u.name, t.guest_name, ''), COALESCE(u.email, t.guest_email, ''), t.number, t.subject, "
    "t.description FROM tickets t LEFT JOIN users u ON u.id = t.customer_user_id ";

// Writes the whole document of every ticket `tickets` (kSelectIndexed) selects; returns how many.
std::int64_t reindex(Connection& db, Statement& tickets) {
  auto messages = db.prepare("SELECT body FROM messages WHERE ticket_id = ? ORDER BY created_at, id");
  std::int64_t count = 0;
  while (tickets.step()) {
    const core::TicketId id{tickets.int64(0)};
    domain::SearchDocument document;
    for (int column = 1; column <= 5; ++column) document.add(tickets.text(column));
    messages.bind(1, id.value);
    while (messages.step()) document.add(messages.text(0));
    messages.reset();
    write_search_document(db, id, document);
    ++count;
  }
  return count;
}

}  // namespace

std::int64_t rebuild_search_index(Connection& db) {
  db.exec("DELETE FROM ticket_search");
  auto tickets = db.prepare(std::string(kSelectIndexed) + "ORDER BY t.id");
  return reindex(db, tickets);
}

std::int64_t reindex_customer_tickets(Connection& db, core::UserId customer) {
  auto tickets = db.prepare(std::string(kSelectIndexed) + "WHERE t.customer_user_id = ? ORDER BY t.id");
  tickets.bind(1, customer.value);
  return reindex(db, tickets);
}

std::string select_ticket_by_search() {
  constexpr std::string_view from = "FROM tickets t ";
  std::string sql(kSelectTicket);
  const auto at = sql.find(from);
  if (at == std::string::npos) throw std::logic_error("kSelectTicket no longer selects FROM tickets t");
  // CROSS JOIN keeps ticket_search the outer loop whatever the planner estimates.
  return sql.replace(at, from.size(), "FROM ticket_search s CROSS JOIN tickets t ON t.id = s.rowid ");
}

std::string fts5_match(const std::vector<domain::SearchTerm>& terms) {
  std::string match;
  for (const auto& term : terms) {
    if (!match.empty()) match += ' ';
    match += '"';
    for (const char c : term.token) {
      if (c == '"') match += '"';  // tokens hold no quotes; doubling keeps it safe regardless
      match += c;
    }
    match += '"';
    if (term.prefix) match += '*';
  }
  return match;
}

}  // namespace gongdan::storage::sqlite
