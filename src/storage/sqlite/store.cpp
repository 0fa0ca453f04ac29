#include "storage/sqlite/store.hpp"

#include <optional>

namespace gongdan::storage::sqlite {

thread_local Store::OpenSnapshot Store::open_snapshot_;

void Store::in_one_snapshot(const std::function<void()>& work) {
  if (open_snapshot_.store == this) return work();
  std::optional<ReaderPool::Lease> lease;
  try {
    lease.emplace(readers_.acquire());
    (*lease)->run("BEGIN");
  } catch (const std::exception& error) {
    // Without a snapshot each read opens its own (and reports its own failure).
    report(error.what());
    return work();
  }
  Connection& db = **lease;
  const OpenSnapshot outer = open_snapshot_;  // another store's, when one calls the other
  open_snapshot_ = {this, &db};
  const auto close = [&] {
    open_snapshot_ = outer;
    try {
      if (db.in_transaction()) db.run("COMMIT");
    } catch (const std::exception& error) {
      // A read transaction that cannot end: the pool's next user must not inherit it.
      report(error.what());
      try {
        if (db.in_transaction()) db.run("ROLLBACK");
      } catch (...) {
      }
    }
  };
  try {
    work();
  } catch (...) {
    close();
    throw;
  }
  close();
}

}  // namespace gongdan::storage::sqlite
