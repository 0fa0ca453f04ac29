#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "core/time.hpp"
#include "domain/search/search_tokens.hpp"
#include "domain/tickets/ticket.hpp"
#include "storage/sqlite/bulk_search_index.hpp"
#include "storage/sqlite/connection.hpp"

namespace gongdan::storage::sqlite {

/// A message of a loaded ticket with the time it was written.
struct TimedMessage {
  domain::NewMessage message;
  core::Timestamp at;
};

/// A complete ticket for the bulk loader: its row, its conversation (the first message is the
/// customer's description) and its search document, built by the caller from the same texts.
struct BulkTicket {
  domain::Ticket ticket;
  std::vector<TimedMessage> messages;
  domain::SearchDocument search;
};

/// Loads many tickets into a database nobody else has open, for `gongdan bench-load`: the rows a
/// submission writes (ticket, messages, search row; the group a submission of that category would
/// get), without what a live submission needs and a loader does not: the number check (numbers
/// must be unique already), rules, mail, service-level clocks (their due times are an UPDATE that
/// rewrites each ticket row: it doubled the load) and reading the ticket back.
///
/// While it loads, the file has no journal and no syncs (half the writes of WAL, where every page
/// is written twice), the filled tables have no secondary indexes (their definitions wait in the
/// file, and the next loader on a folder whose load failed builds them first), and the search
/// index is built in a side file on a thread of its own (bulk_search_index.hpp). A crash leaves a
/// folder to delete and load again. finish() builds the indexes, copies the search index in and
/// restores WAL with synchronous=FULL. Throws SqliteError (sql::DatabaseError from the shared row
/// writers).
class BulkTicketLoader {
 public:
  explicit BulkTicketLoader(const std::filesystem::path& database);
  ~BulkTicketLoader();
  BulkTicketLoader(const BulkTicketLoader&) = delete;
  BulkTicketLoader& operator=(const BulkTicketLoader&) = delete;

  /// Writes `tickets` in one transaction, and hands their search documents to the search index's
  /// thread (bulk_search_index.hpp). Throws std::logic_error after build_indexes().
  void write(std::span<const BulkTicket> tickets);
  /// Builds the secondary indexes dropped for the load (finish() does it when nobody did); the
  /// search index merges its segments on its own thread meanwhile. The last write is before this.
  void build_indexes();
  /// Builds the secondary indexes, copies the search index in and makes the file a normal WAL
  /// database again.
  void finish();

 private:
  Connection db_;
  std::optional<BulkSearchIndex> search_;
  bool input_ended_ = false;
};

}  // namespace gongdan::storage::sqlite
