#include "domain/sla/sla_clock.hpp"

#include <gtest/gtest.h>

#include "domain/sla/presets.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using testing::at;
using testing::h;
using testing::show;
using Kind = SlaClock::Event::Kind;

class SlaClockTest : public ::testing::Test {
 protected:
  BusinessCalendar cn = cn_mainland_2026_calendar();
};

TEST_F(SlaClockTest, RunsLikeBusinessTimeWhenNeverPaused) {
  const SlaClock clock(at("2026-02-13T16:00:00+08:00"));
  EXPECT_FALSE(clock.is_paused());
  EXPECT_EQ(show(*clock.due_at(cn, h(4))), show(at("2026-02-14T11:00:00+08:00")));
  EXPECT_EQ(clock.elapsed(cn, at("2026-02-14T10:00:00+08:00")), h(3));
  EXPECT_EQ(clock.elapsed(cn, at("2026-02-13T12:00:00+08:00")), h(0));  // before the start
}

TEST_F(SlaClockTest, PendingTimeDoesNotCount) {
  SlaClock clock(at("2026-02-13T16:00:00+08:00"));
  ASSERT_TRUE(clock.pause(at("2026-02-13T17:00:00+08:00")));  // waiting on the customer
  EXPECT_TRUE(clock.is_paused());
  EXPECT_FALSE(clock.due_at(cn, h(4)));  // nothing is due while the customer owes a reply
  EXPECT_EQ(clock.elapsed(cn, at("2026-02-24T12:00:00+08:00")), h(1));
  ASSERT_TRUE(clock.resume(at("2026-02-24T10:00:00+08:00")));
  // The make-up Saturday fell inside the pause: 1 h before, 3 h from Tuesday 10:00.
  EXPECT_EQ(clock.elapsed(cn, at("2026-02-24T12:00:00+08:00")), h(3));
  EXPECT_EQ(show(*clock.due_at(cn, h(4))), show(at("2026-02-24T13:00:00+08:00")));
}

TEST_F(SlaClockTest, ATargetReachedBeforeAPauseKeepsItsInstant) {
  SlaClock clock(at("2026-03-09T09:00:00+08:00"));
  ASSERT_TRUE(clock.pause(at("2026-03-09T15:00:00+08:00")));
  EXPECT_EQ(show(*clock.due_at(cn, h(2))), show(at("2026-03-09T11:00:00+08:00")));
  EXPECT_EQ(show(*clock.due_at(cn, h(6))), show(at("2026-03-09T15:00:00+08:00")));
  EXPECT_FALSE(clock.due_at(cn, h(6) + std::chrono::milliseconds{1}));
  EXPECT_EQ(show(*clock.due_at(cn, h(0))), show(at("2026-03-09T09:00:00+08:00")));
}

TEST_F(SlaClockTest, DayTargetsArePinnedToWorkingTimeFromTheStart) {
  // "1d" from Friday 10:00 is Saturday (make-up) 10:00: 9 h of work.
  SlaClock clock(at("2026-02-13T10:00:00+08:00"));
  EXPECT_EQ(show(*clock.due_at(cn, SlaDuration{1, {}})), show(at("2026-02-14T10:00:00+08:00")));
  ASSERT_TRUE(clock.pause(at("2026-02-13T12:00:00+08:00")));
  ASSERT_TRUE(clock.resume(at("2026-02-24T09:00:00+08:00")));
  // 2 h ran before the pause; 7 h remain from Tuesday 09:00.
  EXPECT_EQ(show(*clock.due_at(cn, SlaDuration{1, {}})), show(at("2026-02-24T16:00:00+08:00")));
}

TEST_F(SlaClockTest, ReplaysHistory) {
  const auto clock = SlaClock::replay({{Kind::kStart, at("2026-03-09T09:00:00+08:00")},
                                       {Kind::kPause, at("2026-03-09T10:00:00+08:00")},
                                       {Kind::kResume, at("2026-03-10T09:00:00+08:00")},
                                       {Kind::kPause, at("2026-03-10T09:30:00+08:00")},
                                       {Kind::kResume, at("2026-03-11T09:00:00+08:00")}});
  ASSERT_TRUE(clock);
  EXPECT_EQ(clock->started_at(), at("2026-03-09T09:00:00+08:00"));
  EXPECT_EQ(clock->elapsed(cn, at("2026-03-11T10:00:00+08:00")), h(2.5));
  EXPECT_EQ(show(*clock->due_at(cn, h(4))), show(at("2026-03-11T11:30:00+08:00")));
}

TEST_F(SlaClockTest, RefusesImpossibleHistories) {
  const auto t0 = at("2026-03-09T09:00:00+08:00");
  const auto t1 = at("2026-03-09T10:00:00+08:00");
  EXPECT_EQ(SlaClock::replay({}).error().reason, "invalid_clock_history");
  EXPECT_FALSE(SlaClock::replay({{Kind::kPause, t0}}));
  EXPECT_FALSE(SlaClock::replay({{Kind::kStart, t0}, {Kind::kStart, t1}}));
  EXPECT_FALSE(SlaClock::replay({{Kind::kStart, t0}, {Kind::kResume, t1}}));
  EXPECT_FALSE(SlaClock::replay({{Kind::kStart, t1}, {Kind::kPause, t0}}));
  SlaClock clock(t0);
  EXPECT_EQ(clock.resume(t1).error().reason, "clock_running");
  ASSERT_TRUE(clock.pause(t1));
  EXPECT_EQ(clock.pause(t1).error().reason, "clock_paused");
  EXPECT_EQ(clock.resume(t0).error().reason, "clock_time_reversed");
  EXPECT_TRUE(clock.resume(t1));  // a zero-length pause is allowed
}

}  // namespace
}  // namespace gongdan::domain::sla
