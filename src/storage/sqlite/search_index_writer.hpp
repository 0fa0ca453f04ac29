#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "domain/search/search_tokens.hpp"
#include "domain/tickets/ticket.hpp"
#include "storage/sqlite/connection.hpp"

namespace gongdan::storage::sqlite {

// Keeps `ticket_search` (migration 0005) in step with the tickets. Call inside the write job of
// the change, so the index commits or rolls back with it. A ticket's document is, in this order:
// customer name, customer email, number, subject, description, then each message and internal
// note in time order (search is for staff, who see notes). Throws SqliteError.

/// Indexes a ticket just inserted, with the body of its first message.
void index_new_ticket(Connection& db, core::TicketId id, const domain::Ticket& ticket, std::string_view first_message);
/// Adds the words of a message appended to ticket `id`.
void index_message(Connection& db, core::TicketId id, std::string_view body);
/// Writes (or replaces) ticket `id`'s row from a document built by the caller.
void write_search_document(Connection& db, core::TicketId id, const domain::SearchDocument& document);
/// For loading many tickets at once: stops FTS5 merging segments after each commit ...
void begin_bulk_indexing(Connection& db);
/// ... then merges them all into one and turns automatic merging back on (4, SQLite's default).
void end_bulk_indexing(Connection& db);
/// Rebuilds every ticket's row from tickets and messages; returns how many tickets were indexed.
/// Used right after migration 0005 to fill the index for tickets stored before it.
std::int64_t rebuild_search_index(Connection& db);

/// Rewrites the rows of every ticket of a registered customer, after a change of their name: the
/// old name stops finding them, the new one finds them. Returns how many tickets were indexed.
std::int64_t reindex_customer_tickets(Connection& db, core::UserId customer);

/// kSelectTicket (rows.hpp) driven by the search index: `FROM ticket_search s CROSS JOIN tickets t`,
/// so that rows come in the index's order (filter with `s.ticket_search MATCH ?`, order by s.rowid).
/// A `t.id IN (SELECT rowid ... MATCH ?)` clause would first collect every hit: 40 ms for a common
/// word at a million tickets, against well under 1 ms for a page this way.
std::string select_ticket_by_search();

/// The FTS5 query for `terms` (all must match; prefix terms as prefix queries). Every token is
/// quoted, so no query text is ever read as FTS5 syntax.
std::string fts5_match(const std::vector<domain::SearchTerm>& terms);

}  // namespace gongdan::storage::sqlite
