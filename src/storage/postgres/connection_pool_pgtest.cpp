#include "storage/postgres/connection_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "storage/sql/database_error.hpp"
#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using postgres::ConnectionPool;
using testing::PgTestDatabase;

ConnectionPool::Options options(std::size_t size, std::chrono::milliseconds timeout = 2000ms) {
  ConnectionPool::Options o;
  o.max_size = size;
  o.acquire_timeout = timeout;
  return o;
}

std::int64_t backend_pid(postgres::Connection& db) {
  auto st = db.cached("SELECT pg_backend_pid()");
  st->step();
  return st->int64(0);
}

TEST(PgConnectionPoolTest, ReusesConnectionsAndTheirPreparedStatements) {
  PgTestDatabase database;
  ConnectionPool pool(database.url(), options(4));
  EXPECT_EQ(pool.open(), 1u);  // the first opens at once: a wrong URL fails at start-up
  std::int64_t first = 0;
  {
    auto db = pool.acquire();
    first = backend_pid(*db);
  }
  auto db = pool.acquire();
  EXPECT_EQ(backend_pid(*db), first);
  EXPECT_EQ(db->prepared_count(), 1u);
  EXPECT_EQ(pool.open(), 1u);
}

TEST(PgConnectionPoolTest, NeverOpensMoreThanItsSizeAndWaitsThenTimesOut) {
  PgTestDatabase database;
  ConnectionPool pool(database.url(), options(2, 200ms));
  auto a = pool.acquire();
  auto b = pool.acquire();
  EXPECT_EQ(pool.open(), 2u);
  const auto start = std::chrono::steady_clock::now();
  try {
    pool.acquire();
    FAIL() << "a third connection was lent";
  } catch (const sql::DatabaseError& error) {
    EXPECT_EQ(error.kind(), sql::DatabaseError::Kind::kBusy);
    EXPECT_EQ(sql::to_core_error(error).code, core::ErrorCode::kUnavailable);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
  // A waiter gets the connection another thread gives back.
  std::thread giver([lease = std::move(a)]() mutable {
    std::this_thread::sleep_for(50ms);
    auto gone = std::move(lease);
  });
  auto c = pool.acquire();
  giver.join();
  EXPECT_EQ(pool.open(), 2u);
}

TEST(PgConnectionPoolTest, ManyThreadsShareABoundedPool) {
  PgTestDatabase database;
  {
    postgres::Connection setup(database.url());
    setup.exec("CREATE TABLE hits (thread BIGINT NOT NULL, n BIGINT NOT NULL)");
  }
  ConnectionPool pool(database.url(), options(3, 10000ms));
  std::atomic<std::size_t> most_open{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < 25; ++n) {
        auto db = pool.acquire();
        sql::Transaction tx(*db);
        db->cached("INSERT INTO hits (thread, n) VALUES (?, ?)")->bind_all(t, n).run();
        tx.commit();
        std::size_t open = pool.open();
        std::size_t seen = most_open.load();
        while (open > seen && !most_open.compare_exchange_weak(seen, open)) {
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(most_open.load(), 3u);
  auto db = pool.acquire();
  auto count = db->prepare("SELECT COUNT(*), COUNT(DISTINCT thread) FROM hits");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 8 * 25);
  EXPECT_EQ(count.int64(1), 8);
}

TEST(PgConnectionPoolTest, ALeaseReturnedInsideATransactionIsRolledBack) {
  PgTestDatabase database;
  ConnectionPool pool(database.url(), options(1));
  {
    auto db = pool.acquire();
    db->exec("CREATE TABLE t (x BIGINT)");
    db->exec("BEGIN");
    db->exec("INSERT INTO t VALUES (1)");
  }  // a caller that threw before COMMIT
  auto db = pool.acquire();
  EXPECT_FALSE(db->in_transaction());
  auto count = db->prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 0);
}

TEST(PgConnectionPoolTest, ABrokenConnectionIsReplaced) {
  PgTestDatabase database;
  auto o = options(2);
  o.check_after_idle = 0ms;  // check every connection before lending it
  ConnectionPool pool(database.url(), o);
  std::int64_t victim = 0;
  {
    auto db = pool.acquire();
    victim = backend_pid(*db);
  }
  postgres::Connection admin(database.url());
  admin.prepare("SELECT pg_terminate_backend(CAST(? AS INTEGER))").bind(1, victim).run();
  auto db = pool.acquire();  // the ping fails, so a fresh connection takes its place
  EXPECT_NE(backend_pid(*db), victim);
  EXPECT_EQ(pool.open(), 1u);
}

TEST(PgConnectionPoolTest, AConnectionThatBrokeDuringALeaseIsNotReturned) {
  PgTestDatabase database;
  ConnectionPool pool(database.url(), options(2));
  postgres::Connection admin(database.url());
  {
    auto db = pool.acquire();
    admin.prepare("SELECT pg_terminate_backend(CAST(? AS INTEGER))").bind(1, backend_pid(*db)).run();
    EXPECT_THROW(db->prepare("SELECT 1").run(), sql::DatabaseError);
  }
  EXPECT_EQ(pool.open(), 0u);
  EXPECT_EQ(pool.idle(), 0u);
  auto db = pool.acquire();
  auto one = db->prepare("SELECT 1");
  EXPECT_TRUE(one.step());
}

}  // namespace
}  // namespace gongdan::storage
