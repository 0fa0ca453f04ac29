#pragma once

// The behaviour every engine's sql::Store shares, as one parameterized suite (see
// connection_contract.hpp for how an engine instantiates it).

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/sql/store.hpp"

namespace gongdan::storage::testing {

/// One engine's store over an empty table `notes (id, body UNIQUE)`, and the failures it reported.
class StoreDatabase {
 public:
  virtual ~StoreDatabase() = default;
  virtual sql::Store& store() = 0;

  std::vector<std::string> errors() {
    std::lock_guard lock(mutex_);
    return errors_;
  }

 protected:
  /// The error sink an engine's store reports to.
  std::function<void(std::string_view)> sink() {
    return [this](std::string_view what) {
      std::lock_guard lock(mutex_);
      errors_.emplace_back(what);
    };
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> errors_;
};

struct StoreEngine {
  std::string name;
  std::function<std::unique_ptr<StoreDatabase>()> open;
};

inline std::string store_engine_name(const ::testing::TestParamInfo<StoreEngine>& info) { return info.param.name; }
inline void PrintTo(const StoreEngine& engine, std::ostream* out) { *out << engine.name; }

/// The portable DDL of the table every StoreDatabase starts with.
inline constexpr std::string_view kStoreContractTable = "CREATE TABLE notes (id {{id}}, body TEXT NOT NULL UNIQUE)";

class StoreContract : public ::testing::TestWithParam<StoreEngine> {
 protected:
  void SetUp() override { database_ = GetParam().open(); }

  sql::Store& store() { return database_->store(); }

  static core::Result<std::int64_t> insert(sql::Connection& db, std::string_view body) {
    auto st = db.cached("INSERT INTO notes (body) VALUES (?) RETURNING id");
    st->bind(1, body);
    st->step();
    return st->int64(0);
  }

  std::int64_t count() {
    auto n = store().read([](sql::Connection& db) {
      auto st = db.cached("SELECT COUNT(*) FROM notes");
      st->step();
      return st->int64(0);
    });
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<StoreDatabase> database_;
};

TEST_P(StoreContract, AWriteCommitsAndReturnsItsValue) {
  const auto id = store().write([](sql::Connection& db) { return insert(db, "一"); });
  ASSERT_TRUE(id.ok());
  EXPECT_GT(*id, 0);
  EXPECT_EQ(count(), 1);
  EXPECT_TRUE(database_->errors().empty());
}

TEST_P(StoreContract, AnErrorResultRollsBackWhatTheJobWrote) {
  const auto failed = store().write([](sql::Connection& db) -> core::Result<std::int64_t> {
    (void)insert(db, "written, then undone");
    return core::Error::invalid("nope", "The job decided against it.");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().reason, "nope");
  EXPECT_EQ(count(), 0);
  EXPECT_TRUE(store().write([](sql::Connection& db) { return insert(db, "next"); }).ok());
  EXPECT_EQ(count(), 1);
}

TEST_P(StoreContract, AnExceptionRollsBackAndIsReported) {
  const auto failed = store().write([](sql::Connection& db) -> core::Status {
    (void)insert(db, "undone");
    throw std::runtime_error("a bug in the job");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(database_->errors(), std::vector<std::string>{"a bug in the job"});
}

TEST_P(StoreContract, AUniqueViolationIsAConflictAndLaterWritesWork) {
  ASSERT_TRUE(store().write([](sql::Connection& db) { return insert(db, "same"); }).ok());
  const auto again = store().write([](sql::Connection& db) { return insert(db, "same"); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(database_->errors().size(), 1u);  // the details go to the operator's log
  EXPECT_TRUE(store().write([](sql::Connection& db) { return insert(db, "other"); }).ok());
  EXPECT_EQ(count(), 2);
}

TEST_P(StoreContract, AReadReturnsItsValueAndAFailedReadIsUnavailable) {
  ASSERT_TRUE(store().write([](sql::Connection& db) { return insert(db, "一"); }).ok());
  const auto body = store().read([](sql::Connection& db) {
    auto st = db.cached("SELECT body FROM notes");
    st->step();
    return st->text(0);
  });
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, "一");
  const auto broken = store().read([](sql::Connection& db) { return db.prepare("SELECT * FROM nowhere").step(); });
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(database_->errors().size(), 1u);
}

}  // namespace gongdan::storage::testing
