#pragma once

#include "storage/sql/store.hpp"
#include "storage/sqlite/store.hpp"

namespace gongdan::storage::sqlite {

/// An existing sqlite::Store (the writer with group commit, and the readers) seen as a
/// sql::Store: engine-neutral work runs on SQLite unchanged, through ConnectionAdapter. Failures
/// map to the same core::Error as sqlite::Store gives.
class SqlStore final : public sql::Store {
 public:
  explicit SqlStore(sqlite::Store& store) : store_(store) {}

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  void report(std::string_view what) const noexcept override { store_.report(what); }

 protected:
  core::Status run_write(const WriteWork& work) override;
  core::Status run_read(const ReadWork& work) override;

 private:
  sqlite::Store& store_;
};

}  // namespace gongdan::storage::sqlite
