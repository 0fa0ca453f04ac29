#include "storage/sqlite/bulk_ticket_writer.hpp"

#include "storage/sqlite/search_index_writer.hpp"
#include "storage/sqlite/ticket_inserts.hpp"
#include "storage/sqlite/ticket_workspace_writer.hpp"

namespace gongdan::storage::sqlite {

BulkTicketLoader::BulkTicketLoader(const std::filesystem::path& database)
    : db_(database, Connection::Mode::kReadWrite, std::chrono::milliseconds(5000)) {
  db_.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576");
  begin_bulk_indexing(db_);
}

void BulkTicketLoader::write(std::span<const BulkTicket> tickets) {
  db_.exec("BEGIN");
  try {
    for (const BulkTicket& bulk : tickets) {
      domain::Ticket ticket = bulk.ticket;
      ticket.group_id = group_for_new_ticket(db_, ticket);
      ticket.id = insert_ticket(db_, ticket);
      for (const TimedMessage& timed : bulk.messages) insert_message(db_, ticket.id, timed.message, timed.at);
      write_search_document(db_, ticket.id, bulk.search);
    }
    db_.exec("COMMIT");
  } catch (...) {
    if (db_.in_transaction()) db_.exec("ROLLBACK");
    throw;
  }
}

void BulkTicketLoader::finish() {
  end_bulk_indexing(db_);
  db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
}

}  // namespace gongdan::storage::sqlite
