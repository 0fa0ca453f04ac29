#include "http/realtime/presence.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

using namespace std::chrono_literals;
using Names = std::vector<std::string>;

const core::Timestamp kNow = core::from_epoch_ms(1'795'000'000'000);

TEST(Presence, WatchersSeeEachOtherAndLeaving) {
  Presence p;
  EXPECT_EQ(p.watch(1, "A", 10, "王芳"), Names{"A"});
  EXPECT_EQ(p.watch(2, "A", 20, "李雷"), Names{"A"});
  EXPECT_EQ(p.viewers("A"), (std::vector<Viewer>{{10, "王芳", false}, {20, "李雷", false}}));
  EXPECT_EQ(p.watchers("A").size(), 2U);
  EXPECT_EQ(p.leave(1), Names{"A"});
  EXPECT_EQ(p.viewers("A"), (std::vector<Viewer>{{20, "李雷", false}}));
  EXPECT_EQ(p.leave(1), Names{});  // twice is harmless
  EXPECT_EQ(p.leave(2), Names{"A"});
  EXPECT_TRUE(p.viewers("A").empty());
  EXPECT_TRUE(p.watchers("A").empty());
}

TEST(Presence, WatchingAnotherTicketLeavesTheFirst) {
  Presence p;
  p.watch(1, "A", 10, "王芳");
  EXPECT_EQ(p.watch(1, "A", 10, "王芳"), Names{});  // the same again changes nothing
  EXPECT_EQ(p.watch(1, "B", 10, "王芳"), (Names{"A", "B"}));
  EXPECT_TRUE(p.viewers("A").empty());
  EXPECT_EQ(p.watching(1), "B");
}

TEST(Presence, TwoTabsOfOneAgentAreOneViewer) {
  Presence p;
  p.watch(1, "A", 10, "王芳");
  EXPECT_EQ(p.watch(2, "A", 10, "王芳"), Names{});
  EXPECT_EQ(p.viewers("A").size(), 1U);
  EXPECT_EQ(p.typing(2, true, kNow), Names{"A"});
  EXPECT_TRUE(p.viewers("A")[0].typing);
  EXPECT_EQ(p.leave(1), Names{});  // still there, still typing in the other tab
  EXPECT_EQ(p.leave(2), Names{"A"});
}

TEST(Presence, TypingIsSetClearedAndRefreshed) {
  Presence p;
  p.watch(1, "A", 10, "王芳");
  EXPECT_EQ(p.typing(1, true, kNow), Names{"A"});
  EXPECT_EQ(p.typing(1, true, kNow + 5s), Names{});  // a refresh changes nobody's view
  EXPECT_EQ(p.expire(kNow + 12s), Names{});          // refreshed at +5 s: good until +13 s
  EXPECT_EQ(p.expire(kNow + 13s), Names{"A"});
  EXPECT_FALSE(p.viewers("A")[0].typing);
  p.typing(1, true, kNow);
  EXPECT_EQ(p.typing(1, false, kNow), Names{"A"});
  EXPECT_EQ(p.typing(99, true, kNow), Names{});  // not watching anything
}

TEST(Presence, TypingEndsWhenLeaving) {
  Presence p;
  p.watch(1, "A", 10, "王芳");
  p.watch(2, "A", 20, "李雷");
  p.typing(1, true, kNow);
  p.watch(1, "B", 10, "王芳");
  EXPECT_FALSE(p.viewers("B")[0].typing);
  EXPECT_EQ(p.viewers("A"), (std::vector<Viewer>{{20, "李雷", false}}));
}

}  // namespace
}  // namespace gongdan::http
