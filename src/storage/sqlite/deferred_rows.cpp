#include "storage/sqlite/deferred_rows.hpp"

#include "storage/sqlite/connection.hpp"

namespace gongdan::storage::sqlite {

void DeferredRows::roll_back_to(Mark mark) {
  while (undo_.size() > mark) {
    Undo& undo = undo_.back();
    if (undo.previous) {
      rows_[undo.key] = std::move(*undo.previous);
    } else {
      rows_.erase(undo.key);
    }
    undo_.pop_back();
  }
}

void DeferredRows::flush(Connection& db) {
  active_ = false;
  std::map<Key, std::string> rows;
  rows.swap(rows_);
  undo_.clear();
  for (const auto& [key, value] : rows) db.cached(key.first)->bind_all(key.second, value).run();
}

void DeferredRows::discard() {
  active_ = false;
  rows_.clear();
  undo_.clear();
}

void DeferredRows::put(std::string_view upsert_sql, std::int64_t key, std::string value) {
  Key k{std::string(upsert_sql), key};
  auto it = rows_.find(k);
  if (it == rows_.end()) {
    undo_.push_back({k, std::nullopt});
    rows_.emplace(std::move(k), std::move(value));
  } else {
    undo_.push_back({k, std::move(it->second)});
    it->second = std::move(value);
  }
}

const std::string* DeferredRows::find(std::string_view upsert_sql, std::int64_t key) const {
  const auto it = rows_.find(Key{std::string(upsert_sql), key});
  return it == rows_.end() ? nullptr : &it->second;
}

}  // namespace gongdan::storage::sqlite
