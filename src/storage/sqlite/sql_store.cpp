#include "storage/sqlite/sql_store.hpp"

#include <optional>

#include "storage/sql/database_error.hpp"
#include "storage/sqlite/connection_adapter.hpp"

namespace gongdan::storage::sqlite {

core::Status SqlStore::run_write(const WriteWork& work) {
  return store_.write([&](Connection& connection) -> core::Status {
    ConnectionAdapter db(connection);
    try {
      return work(db);
    } catch (const sql::DatabaseError& error) {
      // The writer would see a plain std::exception; map it here as it maps SqliteError.
      store_.report(error.what());
      return sql::to_core_error(error);
    }
  });
}

core::Status SqlStore::run_read(const ReadWork& work) {
  std::optional<core::Error> failed;
  auto done = store_.read([&](Connection& connection) {
    ConnectionAdapter db(connection);
    try {
      work(db);
    } catch (const sql::DatabaseError& error) {
      store_.report(error.what());
      failed = sql::to_core_error(error);
    }
    return core::Done{};
  });
  if (!done.ok()) return done.error();
  if (failed) return *failed;
  return core::ok_status();
}

}  // namespace gongdan::storage::sqlite
