#include "storage/sqlite/bulk_ticket_writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

#include "storage/repositories/ticket_inserts.hpp"
#include "storage/repositories/ticket_workspace_writer.hpp"
#include "storage/sql/dialect.hpp"
#include "storage/sqlite/connection_adapter.hpp"

namespace gongdan::storage::sqlite {
namespace {

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
  search_.emplace(db_, BulkSearchIndex::side_file(database));
}

BulkTicketLoader::~BulkTicketLoader() = default;

void BulkTicketLoader::write(std::span<const BulkTicket> tickets) {
  if (input_ended_) throw std::logic_error("BulkTicketLoader::write after build_indexes");
  std::vector<BulkSearchIndex::Row> search_rows;
  search_rows.reserve(tickets.size());
  db_.exec("BEGIN");
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
      search_rows.push_back({ticket.id.value, bulk.search.text()});
    }
    db_.exec("COMMIT");
  } catch (...) {
    if (db_.in_transaction()) db_.exec("ROLLBACK");
    throw;
  }
  // Committed: the search index's thread indexes these tickets while this one writes the next.
  search_->add(std::move(search_rows));
}

void BulkTicketLoader::build_indexes() {
  // No more tickets: the search index merges its segments on its own thread meanwhile.
  input_ended_ = true;
  search_->end_input();
  // CREATE INDEX sorts with helper threads when allowed to (SQLite's PRAGMA threads).
  db_.exec("PRAGMA threads = " + std::to_string(std::max(1u, std::thread::hardware_concurrency())));
  build_dropped_indexes(db_);
}

void BulkTicketLoader::finish() {
  build_indexes();
  search_->copy_into(db_);
  search_.reset();
  db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
}

}  // namespace gongdan::storage::sqlite
