#include "storage/sql/statement.hpp"

#include <utility>

namespace gongdan::storage::sql {

Statement::Statement(Statement&& other) noexcept
    : owned_(std::move(other.owned_)), backend_(std::exchange(other.backend_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    owned_ = std::move(other.owned_);
    backend_ = std::exchange(other.backend_, nullptr);
  }
  return *this;
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : statement_(std::move(other.statement_)), in_use_(std::exchange(other.in_use_, nullptr)) {}

CachedStatement::~CachedStatement() {
  if (statement_.backend_ != nullptr) statement_.reset();
  if (in_use_ != nullptr) *in_use_ = false;
}

CachedStatement StatementCache::borrow(std::string_view sql, const Factory& make) {
  auto it = entries_.find(sql);
  if (it == entries_.end()) {
    if (entries_.size() >= kMaxStatements) return CachedStatement(make(false));
    it = entries_.emplace(std::string(sql), Entry{make(true), false}).first;
  }
  Entry& entry = it->second;
  if (entry.in_use) return CachedStatement(make(false));
  entry.in_use = true;
  return CachedStatement(entry.statement.get(), &entry.in_use);
}

}  // namespace gongdan::storage::sql
