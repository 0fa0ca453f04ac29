#include "storage/sqlite/search_index_writer.hpp"

#include <stdexcept>

#include "storage/sqlite/rows.hpp"

namespace gongdan::storage::sqlite {
void write_search_document(Connection& db, core::TicketId id, const domain::SearchDocument& document) {
  // FTS5 turns INSERT OR REPLACE of an existing rowid into delete + insert.
  auto write = db.cached("INSERT OR REPLACE INTO ticket_search (rowid, tokens) VALUES (?, ?)");
  write->bind_all(id.value, document.text()).run();
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
  auto current = db.cached("SELECT tokens FROM ticket_search WHERE rowid = ?");
  domain::SearchDocument document;
  if (current->bind(1, id.value).step()) document = domain::SearchDocument::from_text(current->text(0));
  // A full document or a message without new words leaves the row as it is.
  if (document.add(body)) write_search_document(db, id, document);
}

std::int64_t rebuild_search_index(Connection& db) {
  db.exec("DELETE FROM ticket_search");
  auto tickets = db.prepare(
      "SELECT t.id, COALESCE(u.name, t.guest_name, ''), COALESCE(u.email, t.guest_email, ''), t.number, t.subject, "
      "t.description FROM tickets t LEFT JOIN users u ON u.id = t.customer_user_id ORDER BY t.id");
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
