#include "storage/sql/connection.hpp"

#include <stdexcept>

namespace gongdan::storage::sql {

Transaction::Transaction(Connection& db) : db_(db) { db_.run("BEGIN"); }

Transaction::~Transaction() {
  if (!open_ || !db_.in_transaction()) return;
  try {
    db_.run("ROLLBACK");
  } catch (...) {  // a destructor must not throw; a connection that cannot roll back is broken
  }                // and its pool discards it (an open transaction is never handed out again)
}

void Transaction::commit() {
  open_ = false;
  db_.run("COMMIT");
}

void Connection::upsert_at_end(std::string_view upsert_sql, std::int64_t key, std::string value) {
  cached(upsert_sql)->bind_all(key, value).run();
}

const std::string* Connection::pending_upsert(std::string_view /*upsert_sql*/, std::int64_t /*key*/) const {
  return nullptr;
}

Savepoint::Savepoint(Connection& db, std::string name)
    : db_(db), name_(std::move(name)), pending_mark_(db.pending_mark()) {
  // The name is spliced into SQL: only an identifier may get there.
  if (name_.empty()) throw std::invalid_argument("a savepoint needs a name");
  for (const char c : name_) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) throw std::invalid_argument("a savepoint name is letters, digits and underscores");
  }
  db_.run("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
  if (!open_ || !db_.in_transaction()) return;
  try {
    db_.run("ROLLBACK TO SAVEPOINT " + name_);
    db_.drop_pending_since(pending_mark_);
    db_.run("RELEASE SAVEPOINT " + name_);
  } catch (...) {  // as ~Transaction: the enclosing transaction's rollback still undoes the work
  }
}

void Savepoint::release() {
  open_ = false;
  db_.run("RELEASE SAVEPOINT " + name_);
}

void Savepoint::rollback() {
  db_.run("ROLLBACK TO SAVEPOINT " + name_);
  db_.drop_pending_since(pending_mark_);
}

}  // namespace gongdan::storage::sql
