#include "storage/repositories/search_index_writer.hpp"

#include <stdexcept>

#include "storage/repositories/rows.hpp"

namespace gongdan::storage {
namespace {

// FTS5 turns INSERT OR REPLACE of an existing rowid into delete + insert; an FTS5 table takes no
// UPSERT, so the text is per engine.
constexpr std::string_view kSqliteWriteRow = "INSERT OR REPLACE INTO ticket_search (rowid, tokens) VALUES (?, ?)";
constexpr std::string_view kPostgresWriteRow =
    "INSERT INTO ticket_search (ticket_id, tokens) VALUES (?, ?) "
    "ON CONFLICT (ticket_id) DO UPDATE SET tokens = excluded.tokens";
constexpr std::string_view kSqliteReadRow = "SELECT tokens FROM ticket_search WHERE rowid = ?";
constexpr std::string_view kPostgresReadRow = "SELECT tokens FROM ticket_search WHERE ticket_id = ?";

std::string_view write_row(const sql::Connection& db) {
  return db.dialect() == sql::Dialect::kSqlite ? kSqliteWriteRow : kPostgresWriteRow;
}

}  // namespace

void write_search_document(sql::Connection& db, core::TicketId id, const domain::SearchDocument& document) {
  // In SQLite's writer, at the end of the batch: see sqlite::DeferredRows. PostgreSQL writes now.
  db.upsert_at_end(write_row(db), id.value, document.text());
}

domain::SearchDocument new_ticket_document(const domain::Ticket& ticket, std::string_view first_message) {
  domain::SearchDocument document;
  document.add(ticket.customer.name);
  document.add(ticket.customer.email);
  document.add(ticket.number.str());
  document.add(ticket.subject);
  document.add(ticket.description);
  document.add(first_message);
  return document;
}

void index_message(sql::Connection& db, core::TicketId id, std::string_view body) {
  domain::SearchDocument document;
  if (const std::string* pending = db.pending_upsert(write_row(db), id.value)) {
    document = domain::SearchDocument::from_text(*pending);  // written earlier in this batch
  } else if (auto current = db.cached(db.dialect() == sql::Dialect::kSqlite ? kSqliteReadRow : kPostgresReadRow);
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
std::int64_t reindex(sql::Connection& db, sql::Statement& tickets) {
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

std::int64_t rebuild_search_index(sql::Connection& db) {
  db.exec("DELETE FROM ticket_search");
  auto tickets = db.prepare(std::string(kSelectIndexed) + "ORDER BY t.id");
  return reindex(db, tickets);
}

std::int64_t reindex_customer_tickets(sql::Connection& db, core::UserId customer) {
  // PostgreSQL: the tickets stay locked until the rename commits, so that a message another
  // process adds to one of them meanwhile (index_message, under the same lock) is not lost.
  auto tickets = db.prepare(std::string(kSelectIndexed) + "WHERE t.customer_user_id = ? ORDER BY t.id" +
                            (db.dialect() == sql::Dialect::kSqlite ? "" : " FOR UPDATE OF t"));
  tickets.bind(1, customer.value);
  return reindex(db, tickets);
}

std::string select_ticket_by_search(sql::Dialect dialect) {
  constexpr std::string_view from = "FROM tickets t ";
  std::string text(select_ticket(dialect));
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("select_ticket no longer selects FROM tickets t");
  // CROSS JOIN keeps ticket_search the outer loop whatever SQLite's planner estimates.
  return text.replace(at, from.size(),
                      dialect == sql::Dialect::kSqlite ? "FROM ticket_search s CROSS JOIN tickets t ON t.id = s.rowid "
                                                       : "FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id ");
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

std::string search_terms_array(const std::vector<domain::SearchTerm>& terms) {
  std::string array;
  for (const auto& term : terms) {
    if (!array.empty()) array += ' ';
    array += term.token;
    if (term.prefix) array += '*';
  }
  return array;
}

std::string search_match(sql::Dialect dialect, const std::vector<domain::SearchTerm>& terms) {
  return dialect == sql::Dialect::kSqlite ? fts5_match(terms) : search_terms_array(terms);
}

}  // namespace gongdan::storage
