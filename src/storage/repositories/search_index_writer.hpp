#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "domain/search/search_tokens.hpp"
#include "domain/tickets/ticket.hpp"
#include "storage/sql/connection.hpp"

namespace gongdan::storage {

// Keeps `ticket_search` (migration 0005) in step with the tickets. Call inside the write job of
// the change, so the index commits or rolls back with it. A ticket's document is, in this order:
// customer name, customer email, number, subject, description, then each message and internal
// note in time order (search is for staff, who see notes). Throws sql::DatabaseError.
// The table's key column is `rowid` in SQLite's FTS5 table and `ticket_id` on PostgreSQL
// (sql/dialect.hpp, {{search_index}}).

/// The document of a new ticket with the body of its first message: built before the write job,
/// so that the writer thread, which every submission waits for, does not tokenize.
domain::SearchDocument new_ticket_document(const domain::Ticket& ticket, std::string_view first_message);
/// Adds the words of a message appended to ticket `id`.
void index_message(sql::Connection& db, core::TicketId id, std::string_view body);
/// Writes (or replaces) ticket `id`'s row from a document built by the caller.
void write_search_document(sql::Connection& db, core::TicketId id, const domain::SearchDocument& document);
/// Rebuilds every ticket's row from tickets and messages; returns how many tickets were indexed.
/// Used right after migration 0005 to fill the index for tickets stored before it.
std::int64_t rebuild_search_index(sql::Connection& db);

/// Rewrites the rows of every ticket of a registered customer, after a change of their name: the
/// old name stops finding them, the new one finds them. Returns how many tickets were indexed.
std::int64_t reindex_customer_tickets(sql::Connection& db, core::UserId customer);

/// select_ticket (rows.hpp) driven by the search index. SQLite: `FROM ticket_search s CROSS JOIN
/// tickets t`, so that rows come in the index's order (filter with `s.ticket_search MATCH ?`, order
/// by s.rowid). A `t.id IN (SELECT rowid ... MATCH ?)` clause would first collect every hit: 40 ms
/// for a common word at a million tickets, against well under 1 ms for a page this way.
/// PostgreSQL: `FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id`.
std::string select_ticket_by_search(sql::Dialect dialect);

/// The FTS5 query for `terms` (all must match; prefix terms as prefix queries). Every token is
/// quoted, so no query text is ever read as FTS5 syntax.
std::string fts5_match(const std::vector<domain::SearchTerm>& terms);

/// PostgreSQL: the terms as one space-separated text for
/// `gongdan_search_terms(s.tokens) @> string_to_array(?, ' ')`: each token, and a prefix term as
/// `X*` (the only prefix terms domain/search makes are single characters, which the index holds
/// as `X*` for every token starting with a non-ASCII character X; sql/dialect.hpp).
std::string search_terms_array(const std::vector<domain::SearchTerm>& terms);

/// The match parameter of a search on `dialect`: fts5_match or search_terms_array.
std::string search_match(sql::Dialect dialect, const std::vector<domain::SearchTerm>& terms);

}  // namespace gongdan::storage
