#include "storage/sqlite/sql_store.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "storage/database.hpp"
#include "storage/sql/dialect.hpp"
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

// The reads of one quick request share a transaction (sqlite::Store::in_one_snapshot): they see
// one state of the data, even when a write commits between them.
TEST(SqliteSqlStoreTest, ReadsInOneSnapshotSeeOneStateOfTheData) {
  testing::TempDir dir;
  auto database = Database::open({.data_dir = dir.path()});
  sqlite::Store& sqlite_store = database->sqlite()->sqlite_store();
  sqlite::SqlStore store(sqlite_store);
  const auto insert = [&] {
    return store
        .write([](sql::Connection& db) -> core::Status {
          db.exec("INSERT INTO t (x) VALUES (1)");
          return core::ok_status();
        })
        .ok();
  };
  const auto rows = [&] {
    auto counted = store.read([](sql::Connection& db) {
      auto query = db.cached("SELECT COUNT(*) FROM t");
      query->step();
      const auto n = query->int64(0);
      query->reset();
      return n;
    });
    return counted.ok() ? *counted : -1;
  };
  ASSERT_TRUE(store
                  .write([](sql::Connection& db) -> core::Status {
                    db.exec("CREATE TABLE t (x INTEGER)");
                    return core::ok_status();
                  })
                  .ok());
  ASSERT_TRUE(insert());

  std::vector<std::int64_t> seen;
  sqlite_store.in_one_snapshot([&] {
    seen.push_back(rows());
    ASSERT_TRUE(insert());  // committed by the writer meanwhile
    seen.push_back(rows());
    sqlite_store.in_one_snapshot([&] { seen.push_back(rows()); });  // nested: the same snapshot
    const auto failed = store.read([](sql::Connection& db) { return db.cached("SELECT nothing FROM t")->step(); });
    EXPECT_FALSE(failed.ok()) << "a failing read inside reports its error";
    seen.push_back(rows());  // and the snapshot goes on
  });
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 1, 1, 1}));
  EXPECT_EQ(rows(), 2) << "after it, reads see the write";

  EXPECT_THROW(sqlite_store.in_one_snapshot([&] {
    rows();
    throw std::runtime_error("handler failed");
  }),
               std::runtime_error);
  ASSERT_TRUE(insert());
  EXPECT_EQ(rows(), 3) << "an exception closed the snapshot: the next read is a fresh one";
}

}  // namespace
}  // namespace gongdan::storage
