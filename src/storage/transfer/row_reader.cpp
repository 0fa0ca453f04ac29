#include "storage/transfer/row_reader.hpp"

#include <atomic>

namespace gongdan::storage::transfer {

RowReader::RowReader(sql::Connection& db, const std::string& select) : db_(db) {
  if (db.dialect() == sql::Dialect::kSqlite) {
    statement_.emplace(db.prepare(select));
    return;
  }
  static std::atomic<int> counter{0};
  cursor_ = "gongdan_transfer_" + std::to_string(++counter);
  db.exec("DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + select);
  statement_.emplace(db.prepare("FETCH FORWARD " + std::to_string(kFetchRows) + " FROM " + cursor_));
}

RowReader::~RowReader() {
  statement_.reset();
  if (cursor_.empty() || !db_.in_transaction()) return;
  try {
    db_.exec("CLOSE " + cursor_);
  } catch (...) {  // a failed transaction cannot close it; its rollback does
  }
}

bool RowReader::next() {
  if (done_) return false;
  if (cursor_.empty()) {
    done_ = !statement_->step();
    return !done_;
  }
  if (fetched_ > 0 && statement_->step()) {
    ++fetched_;
    return true;
  }
  // The batch is used up (or none was fetched yet): a short batch was the last one.
  if (fetched_ > 0 && fetched_ < kFetchRows) {
    done_ = true;
    return false;
  }
  statement_->reset();
  fetched_ = 0;
  if (!statement_->step()) {
    done_ = true;
    return false;
  }
  fetched_ = 1;
  return true;
}

}  // namespace gongdan::storage::transfer
