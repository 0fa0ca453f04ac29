#include "domain/sla/reply_by.hpp"

#include <gtest/gtest.h>

#include "domain/sla/civil_date.hpp"
#include "domain/sla/presets.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using testing::at;
using testing::show;

TEST(ReplyBy, TheQueueEstimateNeedsTwentyRepliesAndWinsOnlyWhenLater) {
  const auto now = at("2026-03-02T10:00:00+08:00");
  EXPECT_FALSE(queue_estimate({10, 19, 5}, now)) << "too few replies to know the pace";
  // 30 replies over 10 active hours: 3 an hour; 12 tickets ahead wait 4 h.
  const auto estimate = queue_estimate({12, 30, 10}, now);
  ASSERT_TRUE(estimate);
  EXPECT_EQ(show(*estimate), show(at("2026-03-02T14:00:00+08:00")));
  const auto later = reply_by(at("2026-03-02T11:00:00+08:00"), estimate, std::nullopt, now);
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->from_queue);
  EXPECT_EQ(show(later->at), show(*estimate));
  const auto sooner = reply_by(at("2026-03-02T18:00:00+08:00"), estimate, std::nullopt, now);
  EXPECT_FALSE(sooner->from_queue);
  EXPECT_EQ(show(sooner->at), show(at("2026-03-02T18:00:00+08:00")));
  EXPECT_FALSE(reply_by(std::nullopt, estimate, std::nullopt, now)) << "no reply owed";
}

TEST(ReplyBy, AnOverdueReplyIsPromisedShortlyNeverInThePast) {
  const auto now = at("2026-03-02T10:00:00+08:00");
  const auto overdue = reply_by(at("2026-03-02T09:00:00+08:00"), std::nullopt, std::nullopt, now);
  ASSERT_TRUE(overdue);
  EXPECT_FALSE(overdue->from_queue);
  EXPECT_EQ(show(overdue->at), show(at("2026-03-02T11:00:00+08:00"))) << "now + the grace hour";
  // A queue estimate later than the past due time stands: it is never in the past.
  const auto queued = reply_by(at("2026-03-02T09:00:00+08:00"), at("2026-03-02T10:30:00+08:00"), std::nullopt, now);
  EXPECT_TRUE(queued->from_queue);
  EXPECT_EQ(show(queued->at), show(at("2026-03-02T10:30:00+08:00")));
  const auto due_now = reply_by(now, std::nullopt, std::nullopt, now);
  EXPECT_EQ(show(due_now->at), show(now)) << "not yet past";
}

TEST(ReplyBy, OnAHolidayItNamesTheRunAndItsLastDay) {
  const auto cn = cn_mainland_2026_calendar();
  const auto festival = holiday_at(cn, at("2026-02-17T10:00:00+08:00"));
  ASSERT_TRUE(festival);
  EXPECT_EQ(festival->name, "春节 Spring Festival");
  EXPECT_EQ(format_iso_date(festival->until), "2026-02-23");
  // Shanghai's date decides: 2026-09-30T17:00Z is 01:00 on National Day there.
  const auto national = holiday_at(cn, at("2026-09-30T17:00:00Z"));
  ASSERT_TRUE(national);
  EXPECT_EQ(format_iso_date(national->until), "2026-10-07");
  EXPECT_FALSE(holiday_at(cn, at("2026-02-14T10:00:00+08:00"))) << "a make-up workday is no holiday";
  EXPECT_FALSE(holiday_at(cn, at("2026-03-07T10:00:00+08:00"))) << "a weekend is no holiday";
}

}  // namespace
}  // namespace gongdan::domain::sla
