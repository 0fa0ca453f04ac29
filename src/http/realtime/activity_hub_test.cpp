#include "http/realtime/activity_hub.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "core/fake_clock.hpp"
#include "domain/tickets/ticket_number.hpp"

namespace gongdan::http {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

/// A socket that keeps what it was sent.
class FakeSocket final : public LiveSocket {
 public:
  void send(std::string text) override {
    const std::lock_guard lock(mutex_);
    frames_.push_back(json::parse(text));
  }
  std::vector<json> take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(frames_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<json> frames_;
};

domain::User user(std::int64_t id, std::string name, domain::Role role = domain::Role::kAgent) {
  domain::User u;
  u.id = core::UserId{id};
  u.name = std::move(name);
  u.role = role;
  return u;
}

const std::string kA = domain::TicketNumber::make({2026, 11, 18}, {1, 2, 3, 4, 5}).str();
const std::string kB = domain::TicketNumber::make({2026, 11, 18}, {5, 4, 3, 2, 1}).str();

std::string watch(const std::string& number) { return json{{"type", "watch"}, {"number", number}}.dump(); }
std::string typing(const std::string& number, bool on) {
  return json{{"type", "typing"}, {"number", number}, {"typing", on}}.dump();
}

/// One open socket of one user.
struct Tab {
  std::shared_ptr<FakeSocket> socket = std::make_shared<FakeSocket>();
  std::shared_ptr<LiveConnection> connection;
};

class ActivityHubTest : public ::testing::Test {
 protected:
  Tab open(ActivityHub& hub, const domain::User& u) {
    Tab tab;
    tab.connection = hub.connect(u);
    tab.connection->opened(tab.socket);
    const auto hello = tab.socket->take();
    EXPECT_EQ(hello.at(0)["type"], "hello");
    EXPECT_EQ(hello.at(0)["user"]["id"], u.id.value);
    return tab;
  }

  static json viewers_of(const std::vector<json>& frames) {
    EXPECT_FALSE(frames.empty());
    EXPECT_EQ(frames.back()["type"], "presence");
    return frames.back()["viewers"];
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  ActivityHub hub_{clock_};
};

TEST_F(ActivityHubTest, TwoAgentsOnOneTicketSeeEachOtherTypeAndLeave) {
  auto wang = open(hub_, user(7, "王芳"));
  auto li = open(hub_, user(9, "李雷"));
  wang.connection->received(watch(kA));
  EXPECT_EQ(viewers_of(wang.socket->take()), json::parse(R"([{"id":7,"name":"王芳","typing":false}])"));
  li.connection->received(watch(kA));
  const auto both = json::parse(R"([{"id":7,"name":"王芳","typing":false},{"id":9,"name":"李雷","typing":false}])");
  EXPECT_EQ(viewers_of(wang.socket->take()), both);
  EXPECT_EQ(viewers_of(li.socket->take()), both);

  li.connection->received(typing(kA, true));
  EXPECT_EQ(viewers_of(wang.socket->take())[1]["typing"], true);
  li.connection->received(typing(kA, true));  // a refresh: nobody is told again
  EXPECT_TRUE(wang.socket->take().empty());

  li.connection->closed();
  EXPECT_EQ(viewers_of(wang.socket->take()), json::parse(R"([{"id":7,"name":"王芳","typing":false}])"));
  EXPECT_EQ(hub_.connections(), 1U);
}

TEST_F(ActivityHubTest, AResyncReachesEveryOpenSocket) {
  auto wang = open(hub_, user(7, "王芳"));
  auto li = open(hub_, user(9, "李雷"));
  hub_.resync();
  EXPECT_EQ(wang.socket->take(), std::vector<json>{json::parse(R"({"type":"resync"})")});
  EXPECT_EQ(li.socket->take(), std::vector<json>{json::parse(R"({"type":"resync"})")});
}

TEST_F(ActivityHubTest, TypingExpiresWithoutARefresh) {
  auto wang = open(hub_, user(7, "王芳"));
  auto li = open(hub_, user(9, "李雷"));
  wang.connection->received(watch(kA));
  li.connection->received(watch(kA));
  li.connection->received(typing(kA, true));
  wang.socket->take();
  clock_.advance(7s);
  hub_.expire_typing();
  EXPECT_TRUE(wang.socket->take().empty());
  clock_.advance(1s);
  hub_.expire_typing();
  EXPECT_EQ(viewers_of(wang.socket->take())[1]["typing"], false);
}

TEST_F(ActivityHubTest, PresenceGoesOnlyToTheTicketsWatchers) {
  auto wang = open(hub_, user(7, "王芳"));
  auto li = open(hub_, user(9, "李雷"));
  wang.connection->received(watch(kA));
  li.connection->received(watch(kB));
  wang.socket->take();
  li.socket->take();
  li.connection->received(typing(kB, true));
  EXPECT_TRUE(wang.socket->take().empty());
  // Switching tickets tells the old ticket's watchers too.
  li.connection->received(watch(kA));
  EXPECT_EQ(viewers_of(wang.socket->take()).size(), 2U);
}

TEST_F(ActivityHubTest, ASecondTabOfTheSameAgentGetsTheListToo) {
  auto first = open(hub_, user(7, "王芳"));
  auto second = open(hub_, user(7, "王芳"));
  first.connection->received(watch(kA));
  first.socket->take();
  second.connection->received(watch(kA));
  EXPECT_EQ(viewers_of(second.socket->take()).size(), 1U);
  EXPECT_TRUE(first.socket->take().empty());
  EXPECT_EQ(hub_.connections_of(core::UserId{7}), 2U);
}

TEST_F(ActivityHubTest, TicketEventsReachWhoMaySeeThem) {
  ActivityHub hub(clock_, [](const domain::User& u, const domain::TicketActivity& a) {
    return u.id.value == 7 || !a.internal;  // 9 may not see internal notes
  });
  auto wang = open(hub, user(7, "王芳"));
  auto li = open(hub, user(9, "李雷"));
  domain::TicketActivity note;
  note.kind = domain::ActivityKind::kMessageAdded;
  note.number = kA;
  note.internal = true;
  hub.publish(note);
  ASSERT_EQ(wang.socket->take().at(0)["change"], "message");
  EXPECT_TRUE(li.socket->take().empty());
  note.internal = false;
  hub.publish(note);
  EXPECT_EQ(li.socket->take().size(), 1U);
}

TEST_F(ActivityHubTest, TheDefaultVisibilityIsStaffOnly) {
  domain::TicketActivity a;
  a.internal = true;
  EXPECT_TRUE(ActivityHub::staff_sees(user(1, "a"), a));
  EXPECT_FALSE(ActivityHub::staff_sees(user(2, "c", domain::Role::kCustomer), a));
  a.internal = false;
  EXPECT_FALSE(ActivityHub::staff_sees(user(2, "c", domain::Role::kCustomer), a));
  EXPECT_TRUE(ActivityHub::staff_sees(user(3, "admin", domain::Role::kAdmin), a));
}

TEST_F(ActivityHubTest, BadFramesAreAnsweredNotFatal) {
  auto wang = open(hub_, user(7, "王芳"));
  wang.connection->received("not json");
  EXPECT_EQ(wang.socket->take().at(0), json::parse(R"({"type":"error","code":"bad_message"})"));
  wang.connection->received(typing(kA, true));
  EXPECT_EQ(wang.socket->take().at(0)["code"], "not_watching");
  wang.connection->received(R"({"type":"unwatch"})");  // watching nothing: nothing to say
  EXPECT_TRUE(wang.socket->take().empty());
}

TEST_F(ActivityHubTest, ATicketTheUserMayNotWatchIsNotFound) {
  ActivityHub hub(clock_, ActivityHub::staff_sees, [](const domain::User&, std::string_view n) { return n != kB; });
  auto wang = open(hub, user(7, "王芳"));
  wang.connection->received(watch(kB));
  EXPECT_EQ(wang.socket->take().at(0)["code"], "not_found");
  wang.connection->received(watch(kA));
  EXPECT_EQ(wang.socket->take().at(0)["type"], "presence");
}

TEST_F(ActivityHubTest, AGoneSocketIsSkipped) {
  auto wang = open(hub_, user(7, "王芳"));
  auto li = open(hub_, user(9, "李雷"));
  li.connection->received(watch(kA));
  wang.connection->received(watch(kA));
  li.socket.reset();  // the session died before it could say so
  hub_.publish({});
  wang.connection->received(typing(kA, true));
  EXPECT_EQ(wang.socket->take().size(), 3U);  // presence, ticket, presence
  li.connection->closed();
  EXPECT_EQ(hub_.connections(), 1U);
}

}  // namespace
}  // namespace gongdan::http
