#include "storage/sqlite/bulk_ticket_writer.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "storage/repositories/search_index_writer.hpp"
#include "storage/repositories/ticket_inserts.hpp"
#include "storage/repositories/ticket_workspace_writer.hpp"
#include "storage/sql/dialect.hpp"
#include "storage/sqlite/connection_adapter.hpp"

namespace gongdan::storage::sqlite {
namespace {

// FTS5 control rows (SQLite only, as this loader): stop merging segments after each commit ...
void begin_bulk_indexing(Connection& db) {
  db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0)");
}

// ... then merge them all into one and turn automatic merging back on as the schema sets it
// (migration 11; SQLite's default, 4, where no row says otherwise).
void end_bulk_indexing(Connection& db, int automerge) {
  db.exec("INSERT INTO ticket_search (ticket_search) VALUES ('optimize')");
  db.exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', " + std::to_string(automerge) + ")");
}

// What finish() restores. Below 2 FTS5 does not merge at all: that is what a load killed before
// finish() leaves behind, not a setting, so the schema's value comes back.
int stored_automerge(Connection& db) {
  auto query = db.prepare("SELECT v FROM ticket_search_config WHERE k = 'automerge'");
  const int stored = query.step() ? static_cast<int>(query.int64(0)) : 4;
  return stored < 2 ? sql::kSearchAutomerge : stored;
}

// The secondary indexes of the tables a load fills. Built once from the loaded rows, an index is
// one sort; kept during the load, it is a B-tree insertion for every row (the tickets table alone
// has fourteen). Constraints' own indexes (sql IS NULL) stay: they cannot be dropped.
//
// Their definitions are kept in the file itself, in kDroppedIndexes, written in the transaction
// that drops them, so that a load that fails or is killed before build_indexes() does not leave a
// folder without them: the next loader on that folder (a failed load's folder still counts as
// empty) builds them first.
constexpr std::string_view kDroppedIndexes = "bulk_load_dropped_indexes";

void drop_secondary_indexes(Connection& db) {
  db.exec("BEGIN");
  try {
    db.exec("CREATE TABLE " + std::string(kDroppedIndexes) + " (name TEXT PRIMARY KEY, definition TEXT NOT NULL)");
    db.exec("INSERT INTO " + std::string(kDroppedIndexes) +
            " SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('tickets', 'messages', 'ticket_events', 'ticket_tags')");
    std::vector<std::string> names;
    auto query = db.prepare("SELECT name FROM " + std::string(kDroppedIndexes) + " ORDER BY name");
    while (query.step()) names.push_back(query.text(0));
    for (const std::string& name : names) db.exec("DROP INDEX \"" + name + "\"");
    db.exec("COMMIT");
  } catch (...) {
    if (db.in_transaction()) db.exec("ROLLBACK");
    throw;
  }
}

// Builds every index kDroppedIndexes lists, each in a transaction that also takes it off the list
// (so that a failure part way leaves only the rest to build), then drops the list.
void build_dropped_indexes(Connection& db) {
  {
    auto listed = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    listed.bind(1, kDroppedIndexes);
    if (!listed.step()) return;
  }
  std::vector<std::pair<std::string, std::string>> indexes;
  {
    auto query = db.prepare("SELECT name, definition FROM " + std::string(kDroppedIndexes) + " ORDER BY name");
    while (query.step()) indexes.emplace_back(query.text(0), query.text(1));
  }
  for (const auto& [name, definition] : indexes) {
    db.exec("BEGIN");
    try {
      db.exec(definition);
      auto done = db.prepare("DELETE FROM " + std::string(kDroppedIndexes) + " WHERE name = ?");
      done.bind(1, name);
      done.run();
      db.exec("COMMIT");
    } catch (...) {
      if (db.in_transaction()) db.exec("ROLLBACK");
      throw;
    }
  }
  db.exec("DROP TABLE " + std::string(kDroppedIndexes));
}

}  // namespace

BulkTicketLoader::BulkTicketLoader(const std::filesystem::path& database)
    : db_(database, Connection::Mode::kReadWrite, std::chrono::milliseconds(5000)) {
  db_.exec("PRAGMA cache_size = -1048576");
  // While the file still has its journal: an earlier load's leftovers, then the drops, each atomic.
  build_dropped_indexes(db_);
  drop_secondary_indexes(db_);
  db_.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
  automerge_ = stored_automerge(db_);
  begin_bulk_indexing(db_);
}

void BulkTicketLoader::write(std::span<const BulkTicket> tickets) {
  db_.exec("BEGIN");
  // Search rows wait for the end of the batch, as in the server's writer: once the batch has
  // written a search row, every later statement that opens a statement journal (most inserts)
  // makes FTS5 write its pending terms to disk (SQLite 3.40), a segment per ticket: five sixths
  // of the load's time.
  db_.deferred().begin();
  try {
    // The shared row writers, on this connection.
    ConnectionAdapter db(db_);
    for (const BulkTicket& bulk : tickets) {
      domain::Ticket ticket = bulk.ticket;
      ticket.group_id = group_for_new_ticket(db, ticket);
      // Loaded tickets have no policy: the queue and search figures do not depend on one.
      TicketSlaColumns sla;
      sla.first_response_due = ticket.first_response_due_at;
      ticket.id = insert_ticket(db, ticket, sla);
      for (const TimedMessage& timed : bulk.messages) insert_message(db, ticket.id, timed.message, timed.at);
      write_search_document(db, ticket.id, bulk.search);
    }
    db_.deferred().flush(db_);
    db_.exec("COMMIT");
  } catch (...) {
    db_.deferred().discard();
    if (db_.in_transaction()) db_.exec("ROLLBACK");
    throw;
  }
}

void BulkTicketLoader::build_indexes() {
  // CREATE INDEX sorts with helper threads when allowed to (SQLite's PRAGMA threads).
  db_.exec("PRAGMA threads = " + std::to_string(std::max(1u, std::thread::hardware_concurrency())));
  build_dropped_indexes(db_);
}

void BulkTicketLoader::finish() {
  build_indexes();
  end_bulk_indexing(db_, automerge_);
  db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
}

}  // namespace gongdan::storage::sqlite
