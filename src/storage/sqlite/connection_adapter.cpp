#include "storage/sqlite/connection_adapter.hpp"

#include <sqlite3.h>

#include <memory>
#include <string>
#include <utility>

namespace gongdan::storage::sqlite {
namespace {

// Runs `call` with SqliteError translated: the only place the adapter's callers meet SQLite.
template <typename F>
auto translated(F&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const SqliteError& error) {
    throw to_database_error(error);
  }
}

// A sqlite::Statement (owned, or borrowed from the connection's cache) behind the neutral surface.
template <typename Held>
class Backend final : public sql::StatementBackend {
 public:
  explicit Backend(Held held) : held_(std::move(held)) {}

  void bind_int64(int index, std::int64_t value) override {
    translated([&] { statement().bind(index, value); });
  }
  void bind_text(int index, std::string_view value) override {
    translated([&] { statement().bind(index, value); });
  }
  void bind_null(int index) override {
    translated([&] { statement().bind(index, std::nullopt); });
  }
  bool step() override {
    return translated([&] { return statement().step(); });
  }
  void reset() noexcept override { statement().reset(); }
  std::int64_t column_int64(int column) const override { return statement().int64(column); }
  std::string column_text(int column) const override { return statement().text(column); }
  bool column_is_null(int column) const override { return statement().is_null(column); }

 private:
  Statement& statement() const {
    if constexpr (std::is_same_v<Held, Statement>) {
      return held_;
    } else {
      return *held_;
    }
  }
  mutable Held held_;
};

}  // namespace

sql::DatabaseError to_database_error(const SqliteError& error) {
  using Kind = sql::DatabaseError::Kind;
  Kind kind = Kind::kOther;
  if (error.busy()) {
    kind = Kind::kBusy;
  } else if (error.code() == SQLITE_CONSTRAINT_UNIQUE || error.code() == SQLITE_CONSTRAINT_PRIMARYKEY) {
    kind = Kind::kUniqueViolation;
  } else if (error.constraint()) {
    kind = Kind::kConstraint;
  }
  return sql::DatabaseError(kind, std::to_string(error.code()), error.what());
}

void ConnectionAdapter::exec(std::string_view sql) {
  translated([&] { connection_.exec(sql); });
}

sql::Statement ConnectionAdapter::prepare(std::string_view sql) {
  return translated([&] { return sql::Statement(std::make_unique<Backend<Statement>>(connection_.prepare(sql))); });
}

sql::CachedStatement ConnectionAdapter::cached(std::string_view sql) {
  return translated(
      [&] { return sql::CachedStatement(std::make_unique<Backend<CachedStatement>>(connection_.cached(sql))); });
}

void ConnectionAdapter::upsert_at_end(std::string_view upsert_sql, std::int64_t key, std::string value) {
  translated([&] { connection_.upsert_at_end(upsert_sql, key, std::move(value)); });
}

const std::string* ConnectionAdapter::pending_upsert(std::string_view upsert_sql, std::int64_t key) const {
  return connection_.deferred().find(upsert_sql, key);
}

}  // namespace gongdan::storage::sqlite
