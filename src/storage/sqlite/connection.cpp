#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "storage/sqlite/sqlite_error.hpp"

namespace gongdan::storage::sqlite {

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : owned_(std::move(other.owned_)),
      statement_(std::exchange(other.statement_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

CachedStatement::~CachedStatement() {
  if (statement_ != nullptr) statement_->reset();
  if (in_use_ != nullptr) *in_use_ = false;
}

namespace {

// Statement journals (the first copy of each page a SAVEPOINT's job changes) stay in memory up to
// this size, then go to a temporary file. SQLite's default, 64 KiB, sent most submissions' journals
// (about 160 kB each) to a file: 75 write calls per submission; a job that changes much more (a
// migration, a policy re-planning its tickets) still spills instead of growing memory.
constexpr int kStatementJournalInMemoryBytes = 4 << 20;

// Before the first connection: no memory statistics (with them on, every sqlite3_malloc in every
// thread takes one process-wide mutex, which readers serving pages at once queue on), and the
// statement journals' bound above.
void configure_sqlite() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalInMemoryBytes);
  });
}

}  // namespace

Connection::Connection(const std::filesystem::path& path, Mode mode, std::chrono::milliseconds busy_timeout)
    : mode_(mode) {
  configure_sqlite();
  // NOMUTEX: a connection is only ever used by one thread at a time (the writer, or a leased reader).
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= mode == Mode::kReadWrite ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    SqliteError error = SqliteError::from(db_, rc, "open " + path.string());
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw error;
  }
  try {
    sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
    // Ticket text search relies on LIKE ignoring ASCII case.
    exec("PRAGMA case_sensitive_like = OFF");
    if (mode == Mode::kReadWrite) {
      auto journal = prepare("PRAGMA journal_mode = WAL");
      if (!journal.step() || journal.text(0) != "wal") {
        throw SqliteError(SQLITE_ERROR, "open " + path.string() + ": cannot switch to WAL");
      }
      exec("PRAGMA synchronous = FULL");
      exec("PRAGMA foreign_keys = ON");
    } else {
      exec("PRAGMA query_only = ON");
    }
  } catch (...) {
    cache_.clear();
    sqlite3_close_v2(db_);
    throw;
  }
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

void Connection::run(std::string_view sql) { cached(sql)->run(); }

void Connection::upsert_at_end(std::string_view sql, std::int64_t key, std::string value) {
  if (deferred_.active()) {
    deferred_.put(sql, key, std::move(value));
  } else {
    cached(sql)->bind_all(key, value).run();
  }
}

void Connection::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = "exec: ";
    what += message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw SqliteError(sqlite3_extended_errcode(db_), what);
  }
}

Statement Connection::prepare(std::string_view sql) { return Statement(db_, sql); }

CachedStatement Connection::cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    // Past the bound, new texts run uncached: the set of list queries grows with their filters.
    if (cache_.size() >= kMaxCachedStatements) return CachedStatement(std::make_unique<Statement>(db_, sql));
    auto statement = std::make_unique<Statement>(db_, sql);
    it = cache_.emplace(std::string(sql), Entry{std::move(statement), false}).first;
  }
  Entry& entry = it->second;
  // The same text borrowed twice at once (a nested query) gets a private copy.
  if (entry.in_use) return CachedStatement(std::make_unique<Statement>(db_, sql));
  entry.in_use = true;
  return CachedStatement(entry.statement.get(), &entry.in_use);
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace gongdan::storage::sqlite
