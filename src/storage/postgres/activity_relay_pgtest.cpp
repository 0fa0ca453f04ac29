#include "storage/postgres/activity_relay.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/listener.hpp"
#include "storage/testing/pg_test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::PgTestDatabase;

// A process's local hub, as the relay sees it: remembers what reached it.
class Recorder final : public domain::ActivityPublisher {
 public:
  void publish(const domain::TicketActivity& activity) override {
    {
      std::lock_guard lock(mutex_);
      numbers_.push_back(activity.number);
    }
    changed_.notify_all();
  }
  void resync() {
    {
      std::lock_guard lock(mutex_);
      ++resyncs_;
    }
    changed_.notify_all();
  }
  /// Waits until `count` activities arrived (or 10 s); returns what arrived.
  std::vector<std::string> wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, 10s, [&] { return numbers_.size() >= count; });
    return numbers_;
  }
  bool wait_for_resync() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 15s, [&] { return resyncs_ > 0; });
  }
  std::vector<std::string> numbers() {
    std::lock_guard lock(mutex_);
    return numbers_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> numbers_;
  int resyncs_ = 0;
};

domain::TicketActivity created(std::string number) {
  domain::TicketActivity a;
  a.kind = domain::ActivityKind::kCreated;
  a.ticket_id = core::TicketId{1};
  a.number = std::move(number);
  return a;
}

void wait_listening(const postgres::ActivityRelay& relay) {
  for (int i = 0; i < 200 && !relay.listening(); ++i) std::this_thread::sleep_for(25ms);
  ASSERT_TRUE(relay.listening());
}

class PgActivityRelayTest : public ::testing::Test {
 protected:
  PgTestDatabase database_;
  std::vector<std::string> log_;
  std::mutex log_mutex_;
  postgres::ActivityRelay::Log log() {
    return [this](std::string_view line) {
      std::lock_guard lock(log_mutex_);
      log_.emplace_back(line);
    };
  }
};

TEST_F(PgActivityRelayTest, AChangeInOneProcessReachesTheOthersHubOnceAndItsOwnOnce) {
  Recorder hub_a, hub_b;
  postgres::ActivityRelay a(
      database_.url(), "process-a", hub_a, [&] { hub_a.resync(); }, log());
  postgres::ActivityRelay b(
      database_.url(), "process-b", hub_b, [&] { hub_b.resync(); }, log());
  wait_listening(a);
  wait_listening(b);

  for (int i = 0; i < 50; ++i) a.publish(created("A" + std::to_string(i)));
  b.publish(created("B0"));

  const auto at_b = hub_b.wait_for(51);
  ASSERT_EQ(at_b.size(), 51u);
  // A's changes arrive at B in the order A made them.
  std::vector<std::string> from_a;
  for (const auto& n : at_b) {
    if (n[0] == 'A') from_a.push_back(n);
  }
  ASSERT_EQ(from_a.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(from_a[static_cast<std::size_t>(i)], "A" + std::to_string(i));
  const auto at_a = hub_a.wait_for(51);
  EXPECT_EQ(at_a.size(), 51u);
  std::this_thread::sleep_for(300ms);  // nothing more arrives: a process does not hear itself twice
  EXPECT_EQ(hub_a.numbers().size(), 51u);
  EXPECT_EQ(hub_b.numbers().size(), 51u);
}

TEST_F(PgActivityRelayTest, AfterItsConnectionDropsTheListenerComesBackAndAsksForAResync) {
  Recorder hub_a, hub_b;
  postgres::ActivityRelay a(
      database_.url(), "process-a", hub_a, [&] { hub_a.resync(); }, log());
  postgres::ActivityRelay b(
      database_.url(), "process-b", hub_b, [&] { hub_b.resync(); }, log());
  wait_listening(a);
  wait_listening(b);

  // Terminate every backend listening on the relay channel but this test's own.
  postgres::Connection admin(database_.url());
  admin.exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND "
      "pid <> pg_backend_pid() AND query LIKE 'LISTEN%'");
  EXPECT_TRUE(hub_b.wait_for_resync());
  wait_listening(b);
  a.publish(created("after-drop"));
  const auto at_b = hub_b.wait_for(1);
  ASSERT_EQ(at_b.size(), 1u);
  EXPECT_EQ(at_b[0], "after-drop");
}

TEST_F(PgActivityRelayTest, IgnoresForeignPayloadsOnTheChannel) {
  Recorder hub;
  postgres::ActivityRelay relay(
      database_.url(), "process-a", hub, [] {}, log());
  wait_listening(relay);
  postgres::Connection other(database_.url());
  postgres::notify(other, postgres::ActivityRelay::kChannel, "hello from someone else");
  postgres::notify(other, postgres::ActivityRelay::kChannel, R"({"v":1})");
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(hub.numbers().empty());
}

}  // namespace
}  // namespace gongdan::storage
