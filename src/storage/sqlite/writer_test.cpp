#include "storage/sqlite/writer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/testing/temp_dir.hpp"

namespace gongdan::storage::sqlite {
namespace {

using namespace std::chrono_literals;

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = std::make_unique<Connection>(path(), Connection::Mode::kReadWrite, 5000ms);
    connection->exec(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE,"
        " parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
    writer_ = std::make_unique<Writer>(std::move(connection), Writer::Options{256, [this](std::string_view what) {
                                                                                std::lock_guard lock(mutex_);
                                                                                errors_.emplace_back(what);
                                                                              }});
    reader_ = std::make_unique<Connection>(path(), Connection::Mode::kReadOnly, 5000ms);
  }

  std::filesystem::path path() const { return dir_.path() / "writer.db"; }

  static core::Result<std::int64_t> insert(Connection& db, const std::string& label) {
    db.cached("INSERT INTO items (label) VALUES (?)")->bind(1, label).run();
    return db.last_insert_id();
  }

  std::int64_t count_notes() {
    auto statement = reader_->prepare("SELECT COUNT(*) FROM notes");
    statement.step();
    return statement.int64(0);
  }

  std::int64_t count(const std::string& where = "1 = 1") {
    auto statement = reader_->prepare("SELECT COUNT(*) FROM items WHERE " + where);
    statement.step();
    return statement.int64(0);
  }

  // Occupies the writer until `release` is set, so that the jobs submitted meanwhile share the next batch.
  std::future<core::Result<std::int64_t>> block_writer(std::promise<void>& release) {
    auto released = release.get_future().share();
    auto running = std::make_shared<std::promise<void>>();
    auto started = running->get_future();
    auto blocker = std::async(std::launch::async, [this, released, running] {
      return writer_->run([&](Connection& db) -> core::Result<std::int64_t> {
        running->set_value();
        released.wait();
        return insert(db, "blocker");
      });
    });
    started.wait();
    return blocker;
  }

  void wait_until_pending(std::size_t jobs) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (writer_->pending() < jobs && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    ASSERT_EQ(writer_->pending(), jobs);
  }

  testing::TempDir dir_;
  std::mutex mutex_;
  std::vector<std::string> errors_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<Connection> reader_;
};

TEST_F(WriterTest, ConcurrentCallersAllCommitAndAreReadable) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string label = std::to_string(t) + "-" + std::to_string(i);
        auto id = writer_->run([&](Connection& db) { return insert(db, label); });
        // A successful run() means committed: a fresh reader must see the row at once.
        if (!id.ok()) {
          ++failures;
          continue;
        }
        Connection reader(path(), Connection::Mode::kReadOnly, 5000ms);
        auto check = reader.prepare("SELECT label FROM items WHERE id = ?");
        if (!check.bind(1, *id).step() || check.text(0) != label) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count(), kThreads * kPerThread);
  EXPECT_LE(writer_->commits(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(WriterTest, QueuedJobsShareOneCommit) {
  std::promise<void> release;
  auto blocker = block_writer(release);
  std::vector<std::future<core::Result<std::int64_t>>> results;
  for (int i = 0; i < 20; ++i) {
    results.push_back(std::async(std::launch::async, [this, i] {
      return writer_->run([i](Connection& db) { return insert(db, "job-" + std::to_string(i)); });
    }));
  }
  wait_until_pending(20);
  const auto commits_before = writer_->commits();
  release.set_value();
  ASSERT_TRUE(blocker.get().ok());
  for (auto& result : results) EXPECT_TRUE(result.get().ok());
  // The blocker's batch, then one batch for all twenty.
  EXPECT_EQ(writer_->commits(), commits_before + 2);
  EXPECT_EQ(count(), 21);
}

TEST_F(WriterTest, AFailingJobLeavesNoTraceWhileItsBatchMatesCommit) {
  std::promise<void> release;
  auto blocker = block_writer(release);
  auto run_async = [this](std::function<core::Result<std::int64_t>(Connection&)> job) {
    auto future = std::async(std::launch::async, [this, job] { return writer_->run(job); });
    return future;
  };
  auto before = run_async([](Connection& db) { return insert(db, "before"); });
  wait_until_pending(1);
  auto refused = run_async([](Connection& db) -> core::Result<std::int64_t> {
    (void)insert(db, "refused-1");
    (void)insert(db, "refused-2");
    return core::Error::conflict("refused", "The job changed its mind.");
  });
  wait_until_pending(2);
  auto thrown = run_async([](Connection& db) -> core::Result<std::int64_t> {
    (void)insert(db, "thrown");
    throw std::runtime_error("a bug in a job");
  });
  wait_until_pending(3);
  auto violating = run_async([](Connection& db) { return insert(db, "before"); });  // UNIQUE violation
  wait_until_pending(4);
  auto after = run_async([](Connection& db) { return insert(db, "after"); });
  wait_until_pending(5);
  const auto commits_before = writer_->commits();
  release.set_value();

  ASSERT_TRUE(blocker.get().ok());
  EXPECT_TRUE(before.get().ok());
  auto refused_result = refused.get();
  ASSERT_FALSE(refused_result.ok());
  EXPECT_EQ(refused_result.error().reason, "refused");
  auto thrown_result = thrown.get();
  ASSERT_FALSE(thrown_result.ok());
  EXPECT_EQ(thrown_result.error().code, core::ErrorCode::kUnavailable);
  auto violating_result = violating.get();
  ASSERT_FALSE(violating_result.ok());
  EXPECT_EQ(violating_result.error().code, core::ErrorCode::kConflict);
  EXPECT_TRUE(after.get().ok());

  EXPECT_EQ(writer_->commits(), commits_before + 2);
  EXPECT_EQ(count("label IN ('blocker', 'before', 'after')"), 3);
  EXPECT_EQ(count("label LIKE 'refused%' OR label = 'thrown'"), 0);
  EXPECT_EQ(count(), 3);
}

// Deferred rows (DeferredRows): written once at the end of the batch, last value per key, read
// back by later jobs of the batch, and gone with a job that rolls back.
TEST_F(WriterTest, DeferredRowsAreWrittenAtTheEndOfTheBatchWithoutTheFailedJobs) {
  constexpr std::string_view kUpsert = "INSERT OR REPLACE INTO notes (id, body) VALUES (?, ?)";
  ASSERT_TRUE(writer_
                  ->run([](Connection& db) -> core::Result<bool> {
                    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
                    return true;
                  })
                  .ok());
  std::promise<void> release;
  auto blocker = block_writer(release);
  auto run_async = [this](std::function<core::Result<std::int64_t>(Connection&)> job) {
    return std::async(std::launch::async, [this, job] { return writer_->run(job); });
  };
  auto first = run_async([&](Connection& db) -> core::Result<std::int64_t> {
    EXPECT_TRUE(db.deferred().active());
    db.upsert_at_end(kUpsert, 1, "one");
    db.upsert_at_end(kUpsert, 2, "two");
    return 1;
  });
  wait_until_pending(1);
  auto failing = run_async([&](Connection& db) -> core::Result<std::int64_t> {
    db.upsert_at_end(kUpsert, 1, "overwritten by a job that fails");
    db.upsert_at_end(kUpsert, 3, "three");
    return core::Error::conflict("refused", "The job changed its mind.");
  });
  wait_until_pending(2);
  auto reader = run_async([&](Connection& db) -> core::Result<std::int64_t> {
    const std::string* pending = db.deferred().find(kUpsert, 1);
    if (pending == nullptr || *pending != "one") return core::Error::conflict("wrong", "the failed job leaked");
    if (db.deferred().find(kUpsert, 3) != nullptr) return core::Error::conflict("wrong", "row 3 leaked");
    db.upsert_at_end(kUpsert, 2, "two, amended");
    return 2;
  });
  wait_until_pending(3);
  release.set_value();
  ASSERT_TRUE(blocker.get().ok());
  EXPECT_TRUE(first.get().ok());
  EXPECT_FALSE(failing.get().ok());
  EXPECT_TRUE(reader.get().ok());

  std::vector<std::string> rows;
  auto select = reader_->prepare("SELECT id || ':' || body FROM notes ORDER BY id");
  while (select.step()) rows.push_back(select.text(0));
  EXPECT_EQ(rows, (std::vector<std::string>{"1:one", "2:two, amended"}));
  // Outside the writer nothing is deferred.
  Connection direct(path(), Connection::Mode::kReadWrite, 5000ms);
  EXPECT_FALSE(direct.deferred().active());
  direct.upsert_at_end(kUpsert, 4, "now");
  EXPECT_EQ(count_notes(), 3);
}

TEST_F(WriterTest, AFailedCommitFailsEveryJobOfTheBatch) {
  std::promise<void> release;
  auto blocker = block_writer(release);
  auto good = std::async(std::launch::async,
                         [this] { return writer_->run([](Connection& db) { return insert(db, "good"); }); });
  wait_until_pending(1);
  // A deferred foreign key is only checked at COMMIT, which then fails for the whole batch.
  auto dangling = std::async(std::launch::async, [this] {
    return writer_->run([](Connection& db) -> core::Result<std::int64_t> {
      db.exec("INSERT INTO items (label, parent_id) VALUES ('dangling', 42)");
      return db.last_insert_id();
    });
  });
  wait_until_pending(2);
  release.set_value();
  EXPECT_TRUE(blocker.get().ok());
  auto good_result = good.get();
  auto dangling_result = dangling.get();
  ASSERT_FALSE(good_result.ok());
  ASSERT_FALSE(dangling_result.ok());
  EXPECT_EQ(good_result.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(dangling_result.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(count(), 1);  // the blocker only

  // The writer carries on after a failed batch.
  EXPECT_TRUE(writer_->run([](Connection& db) { return insert(db, "later"); }).ok());
  EXPECT_EQ(count(), 2);
}

TEST_F(WriterTest, StopAnswersEveryQueuedJobThenRefusesNewOnes) {
  std::promise<void> release;
  auto blocker = block_writer(release);
  std::vector<std::future<core::Result<std::int64_t>>> results;
  for (int i = 0; i < 10; ++i) {
    results.push_back(std::async(std::launch::async, [this, i] {
      return writer_->run([i](Connection& db) { return insert(db, "queued-" + std::to_string(i)); });
    }));
  }
  wait_until_pending(10);
  std::thread stopper([this] { writer_->stop(); });
  release.set_value();
  stopper.join();
  EXPECT_TRUE(blocker.get().ok());
  for (auto& result : results) EXPECT_TRUE(result.get().ok());
  EXPECT_EQ(count(), 11);

  auto refused = writer_->run([](Connection& db) { return insert(db, "too late"); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
}

TEST_F(WriterTest, AJobWaitingForTheWriterIsRefusedInsteadOfDeadlocking) {
  auto outer = writer_->run([this](Connection&) -> core::Result<std::int64_t> {
    auto inner = writer_->run([](Connection& db) { return insert(db, "inner"); });
    if (inner.ok()) return std::int64_t{1};
    return inner.error();
  });
  ASSERT_FALSE(outer.ok());
  EXPECT_EQ(outer.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace gongdan::storage::sqlite
