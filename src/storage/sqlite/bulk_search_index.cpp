#include "storage/sqlite/bulk_search_index.hpp"

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <system_error>
#include <utility>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/statement.hpp"

namespace gongdan::storage::sqlite {
namespace {

constexpr std::string_view kTable = "ticket_search";
constexpr std::string_view kSchema = "bulk_search";  // the side file, attached for the copy

// The definition of the database's search table (migration 0001 and the dialect).
std::string search_table_definition(Connection& db) {
  auto query = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
  query.bind(1, kTable);
  if (!query.step()) throw SqliteError(SQLITE_ERROR, "bulk search index: the database has no ticket_search table");
  return query.text(0);
}

// FTS5's shadow tables of the search table in `schema`, by name: _config, _content, _data, _idx
// (and _docsize, were column sizes kept).
std::vector<std::string> shadow_tables(Connection& db, std::string_view schema) {
  auto query = db.prepare("SELECT name FROM \"" + std::string(schema) +
                          "\".sqlite_schema WHERE type = 'table' AND name LIKE ? ESCAPE '\\' ORDER BY name");
  query.bind(1, std::string(kTable) + "\\_%");
  std::vector<std::string> names;
  while (query.step()) names.push_back(query.text(0));
  return names;
}

bool is_empty(Connection& db, const std::string& qualified_table) {
  auto query = db.prepare("SELECT NOT EXISTS (SELECT 1 FROM " + qualified_table + ")");
  return query.step() && query.int64(0) == 1;
}

std::size_t document_bytes(const std::vector<BulkSearchIndex::Row>& rows) {
  std::size_t bytes = 0;
  for (const BulkSearchIndex::Row& row : rows) bytes += sizeof row + row.tokens.capacity();
  return bytes;
}

std::string qualified(std::string_view schema, const std::string& table) {
  return "\"" + std::string(schema) + "\".\"" + table + "\"";
}

}  // namespace

std::filesystem::path BulkSearchIndex::side_file(const std::filesystem::path& database) {
  return std::filesystem::path(database.string() + "-search-load");
}

BulkSearchIndex::BulkSearchIndex(Connection& database, std::filesystem::path side) : side_(std::move(side)) {
  const std::string definition = search_table_definition(database);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(side_.string() + suffix);  // a killed load's leftovers
  }
  try {
    side_db_ = std::make_unique<Connection>(side_, Connection::Mode::kReadWrite, std::chrono::milliseconds(5000));
    // Nobody else opens this file, and a failed load is loaded again: no journal, no syncs.
    side_db_->exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144");
    side_db_->exec(definition);
    // Segments stay as written until the end and then merge once (end_input); FTS5 still merges
    // a level by itself when it reaches 16 segments.
    side_db_->exec("INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0)");
  } catch (...) {
    side_db_.reset();
    std::error_code ignored;
    std::filesystem::remove(side_, ignored);
    throw;
  }
  thread_ = std::thread([this] { run(); });
}

BulkSearchIndex::~BulkSearchIndex() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  side_db_.reset();
  std::error_code ignored;
  std::filesystem::remove(side_, ignored);
}

void BulkSearchIndex::add(std::vector<Row> rows) {
  const std::size_t bytes = document_bytes(rows);
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return failure_ != nullptr || queue_.empty() || queued_bytes_ + bytes <= kQueuedBytes; });
  if (failure_) std::rethrow_exception(failure_);
  queued_bytes_ += bytes;
  queue_.push_back(std::move(rows));
  changed_.notify_all();
}

void BulkSearchIndex::end_input() {
  {
    std::lock_guard lock(mutex_);
    input_ended_ = true;
  }
  changed_.notify_all();
}

void BulkSearchIndex::run() {
  // Nice 19: the loader's thread first (kQueuedBytes). Failing to lower it only costs speed.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
  try {
    auto insert = side_db_->prepare("INSERT INTO ticket_search (rowid, tokens) VALUES (?, ?)");
    for (;;) {
      std::vector<Row> rows;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || input_ended_ || !queue_.empty(); });
        if (stopping_) return;
        if (queue_.empty()) break;  // input ended and everything is written
        rows = std::move(queue_.front());
        queue_.pop_front();
        queued_bytes_ -= document_bytes(rows);
      }
      changed_.notify_all();
      side_db_->exec("BEGIN");
      for (const Row& row : rows) {
        insert.bind_all(row.ticket_id, row.tokens).run();
        insert.reset();
      }
      side_db_->exec("COMMIT");
    }
    side_db_->exec("INSERT INTO ticket_search (ticket_search) VALUES ('optimize')");
  } catch (...) {
    std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
  }
  changed_.notify_all();
}

void BulkSearchIndex::rethrow_failure() {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void BulkSearchIndex::copy_into(Connection& database) {
  end_input();
  if (thread_.joinable()) thread_.join();
  rethrow_failure();
  side_db_.reset();  // closed, so that the copy reads everything the thread wrote

  database.prepare("ATTACH DATABASE ? AS " + std::string(kSchema)).bind(1, side_.string()).run();
  try {
    const std::vector<std::string> tables = shadow_tables(database, "main");
    if (tables.empty() || tables != shadow_tables(database, kSchema)) {
      throw SqliteError(SQLITE_ERROR, "bulk search index: the side file's search table differs from the database's");
    }
    database.exec("BEGIN");
    for (const std::string& table : tables) {
      // The configuration stays the database's own; the structure and averages records of a new
      // table are replaced; anything else there means the table is not new.
      if (table.ends_with("_config") || table.ends_with("_data")) continue;
      if (!is_empty(database, qualified("main", table))) {
        throw SqliteError(SQLITE_ERROR, "bulk search index: " + table + " is not empty");
      }
    }
    for (const std::string& table : tables) {
      if (table.ends_with("_config")) continue;
      database.exec("DELETE FROM " + qualified("main", table));
      database.exec("INSERT INTO " + qualified("main", table) + " SELECT * FROM " + qualified(kSchema, table));
    }
    database.exec("COMMIT");
  } catch (...) {
    try {
      if (database.in_transaction()) database.exec("ROLLBACK");
      database.exec("DETACH DATABASE " + std::string(kSchema));
    } catch (const SqliteError&) {  // the first failure is the one to report
    }
    throw;
  }
  database.exec("DETACH DATABASE " + std::string(kSchema));
  std::error_code ignored;
  std::filesystem::remove(side_, ignored);
}

}  // namespace gongdan::storage::sqlite
