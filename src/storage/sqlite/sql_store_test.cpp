#include "storage/sqlite/sql_store.hpp"

#include <gtest/gtest.h>

#include "storage/sql/dialect.hpp"
#include "storage/database.hpp"
#include "storage/testing/store_contract.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage {
namespace {

using testing::StoreContract;
using testing::StoreDatabase;
using testing::StoreEngine;

class SqliteStoreDatabase final : public StoreDatabase {
 public:
  SqliteStoreDatabase() {
    DatabaseOptions options;
    options.on_error = sink();
    options.data_dir = dir_.path();
    database_ = Database::open(std::move(options));
    store_.emplace(database_->sqlite()->sqlite_store());
    const auto created = store_->write([](sql::Connection& db) -> core::Status {
      db.exec(sql::render(testing::kStoreContractTable, db.dialect()));
      return core::ok_status();
    });
    if (!created.ok()) throw std::runtime_error(created.error().message);
  }
  sql::Store& store() override { return *store_; }

 private:
  testing::TempDir dir_;
  std::unique_ptr<Database> database_;
  std::optional<sqlite::SqlStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(StoreEngine{"Sqlite",
                                                       [] { return std::make_unique<SqliteStoreDatabase>(); }}),
                         testing::store_engine_name);

TEST(SqliteSqlStoreTest, WritesShareTheWritersGroupCommit) {
  testing::TempDir dir;
  auto database = Database::open({.data_dir = dir.path()});
  sqlite::SqlStore store(database->sqlite()->sqlite_store());
  const auto before = database->sqlite()->writer().commits();
  ASSERT_TRUE(store
                  .write([](sql::Connection& db) -> core::Status {
                    db.exec("CREATE TABLE t (x INTEGER)");
                    return core::ok_status();
                  })
                  .ok());
  EXPECT_EQ(database->sqlite()->writer().commits(), before + 1);  // the job ran in the writer's batch
}

}  // namespace
}  // namespace gongdan::storage
