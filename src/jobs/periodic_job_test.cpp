#include "jobs/periodic_job.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace gongdan::jobs {
namespace {

using namespace std::chrono_literals;

void ignore_errors(const std::string&, const std::string&) {}

TEST(PeriodicJobTest, RunsAgainAtOnceWhileThereIsWork) {
  std::atomic<int> rounds{0};
  std::atomic<int> work{5};
  {
    PeriodicJob job(
        "test", 10s,
        [&] {
          ++rounds;
          return work > 0 ? work-- : 0;
        },
        ignore_errors);
    for (int i = 0; i < 200 && work > 0; ++i) std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(work.load(), 0);  // five busy rounds without waiting the 10 s idle time
  EXPECT_GE(rounds.load(), 6);
}

TEST(PeriodicJobTest, WakeStartsTheNextRoundBeforeTheIdleWaitEnds) {
  std::atomic<int> rounds{0};
  PeriodicJob job(
      "test", 10s,
      [&] {
        ++rounds;
        return 0;
      },
      ignore_errors);
  for (int i = 0; i < 200 && rounds < 1; ++i) std::this_thread::sleep_for(5ms);
  job.wake();
  for (int i = 0; i < 200 && rounds < 2; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(rounds.load(), 2);
}

TEST(PeriodicJobTest, AnExceptionIsReportedAndTheLoopGoesOn) {
  std::atomic<int> rounds{0};
  std::mutex mutex;
  std::string reported;
  PeriodicJob job(
      "outbox", 1ms,
      [&]() -> int {
        if (++rounds == 1) throw std::runtime_error("smtp exploded");
        return 0;
      },
      [&](const std::string& name, const std::string& what) {
        std::lock_guard lock(mutex);
        reported = name + ": " + what;
      });
  for (int i = 0; i < 400 && rounds < 3; ++i) std::this_thread::sleep_for(5ms);
  job.stop();
  EXPECT_GE(rounds.load(), 3);
  std::lock_guard lock(mutex);
  EXPECT_EQ(reported, "outbox: smtp exploded");
}

TEST(PeriodicJobTest, StopEndsTheLoopWithoutWaitingForTheIdleTime) {
  const auto start = std::chrono::steady_clock::now();
  {
    PeriodicJob job(
        "test", 60s, [] { return 0; }, ignore_errors);
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

}  // namespace
}  // namespace gongdan::jobs
