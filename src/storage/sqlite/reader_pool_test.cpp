#include "storage/sqlite/reader_pool.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

#include "core/io_thread.hpp"
#include "storage/database.hpp"
#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage::sqlite {
namespace {

using namespace std::chrono_literals;

// A worker holding the only shared connection in a long read does not hold up an I/O thread's
// quick read (docs/adr/0004), and a worker never takes what is kept for the I/O threads.
TEST(ReaderPool, KeepsConnectionsForTheIoThreadsThatWorkersCannotTake) {
  storage::testing::TempDir dir;
  const auto file = Database::open({.data_dir = dir.path()})->sqlite()->path();
  ReaderPool pool(file, 1, 1000ms, 1);
  std::optional<ReaderPool::Lease> worker(pool.acquire());  // this thread is no I/O thread

  auto io_read = std::async(std::launch::async, [&] {
    core::mark_io_thread();
    auto lease = pool.acquire();
    return lease->prepare("SELECT COUNT(*) FROM categories").step();
  });
  ASSERT_EQ(io_read.wait_for(2s), std::future_status::ready) << "the I/O thread waited for the worker";
  EXPECT_TRUE(io_read.get());

  auto second_worker = std::async(std::launch::async, [&] { return pool.acquire(); });
  EXPECT_EQ(second_worker.wait_for(100ms), std::future_status::timeout) << "a worker took the kept connection";
  worker.reset();  // the long read ends
  ASSERT_EQ(second_worker.wait_for(2s), std::future_status::ready);
}

}  // namespace
}  // namespace gongdan::storage::sqlite
