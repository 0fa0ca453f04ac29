#include "storage/postgres/postgres_engine.hpp"

#include <exception>

#include "storage/postgres/migrator.hpp"
#include "storage/sql/database_error.hpp"
#include "storage/sql/migration.hpp"
#include "storage/sql/migrator.hpp"

namespace gongdan::storage::postgres {
namespace {

ConnectionPool::Options pool_options(const PostgresEngine::Options& options) {
  ConnectionPool::Options pool;
  pool.max_size = options.pool_size;
  return pool;
}

}  // namespace

std::string redacted_url(const std::string& url) {
  std::string out = url;
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto authority = scheme + 3;
    const auto end = out.find_first_of("/?#", authority);
    const auto at = out.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= authority) {
      const auto colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=... among the query parameters, up to the next '&'.
  for (auto at = out.find("password="); at != std::string::npos; at = out.find("password=", at + 1)) {
    if (at > 0 && out[at - 1] != '?' && out[at - 1] != '&') continue;
    const auto value = at + 9;
    const auto end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

PostgresEngine::PostgresEngine(std::string url, Options options)
    : url_(std::move(url)), pool_(url_, pool_options(options)), store_(pool_, std::move(options.on_error)) {}

core::Result<std::vector<int>> PostgresEngine::migrate(core::Timestamp now) {
  try {
    auto lease = pool_.acquire();
    // No search rebuild after migration 5, unlike SQLite: a PostgreSQL database starts at the
    // current schema (or is filled by migrate-data, which copies the index), so no ticket
    // predates its search table.
    return postgres::migrate(*lease, sql::migrations(), now);
  } catch (const sql::DatabaseError& error) {
    store_.report(error.what());
    return sql::to_core_error(error);
  } catch (const std::exception& error) {
    return core::Error::unavailable(error.what());  // e.g. a schema newer than this program
  }
}

core::Result<int> PostgresEngine::schema_version() {
  return store_.read([](sql::Connection& db) { return sql::schema_version(db); });
}

}  // namespace gongdan::storage::postgres
