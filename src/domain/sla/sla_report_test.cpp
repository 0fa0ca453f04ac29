#include "domain/sla/sla_report.hpp"

#include <gtest/gtest.h>

#include "domain/sla/civil_date.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::minutes;

TEST(SlaReport, MedianAndNearestRankP90) {
  EXPECT_FALSE(median_minutes({}));
  EXPECT_FALSE(p90_minutes({}));
  EXPECT_DOUBLE_EQ(*median_minutes({minutes{30}, minutes{10}, minutes{20}}), 20.0);
  EXPECT_DOUBLE_EQ(*median_minutes({minutes{10}, minutes{20}, minutes{30}, minutes{40}}), 25.0);
  std::vector<std::chrono::milliseconds> ten;
  for (int i = 1; i <= 10; ++i) ten.push_back(minutes{i});
  EXPECT_DOUBLE_EQ(*p90_minutes(ten), 9.0);  // the 9th of 10
  ten.push_back(minutes{11});
  EXPECT_DOUBLE_EQ(*p90_minutes(ten), 10.0);  // ⌈9.9⌉ = 10th of 11
  EXPECT_DOUBLE_EQ(*p90_minutes({minutes{7}}), 7.0);
}

TEST(SlaReport, PerPriorityFiguresAndADailyChart) {
  const auto d1 = *parse_iso_date("2026-03-02");
  const auto d2 = *parse_iso_date("2026-03-03");
  const std::vector<FinishedSample> samples{
      {Priority::kNormal, TargetKind::kFirstResponse, d1, minutes{60}, true},
      {Priority::kNormal, TargetKind::kFirstResponse, d1, minutes{30 * 60}, false},
      {Priority::kNormal, TargetKind::kResolution, d2, minutes{120}, true},
      {Priority::kUrgent, TargetKind::kFirstResponse, d2, minutes{20}, true},
      {Priority::kUrgent, TargetKind::kNextResponse, d2, minutes{500}, false},
  };
  const auto report = build_report(d1, *parse_iso_date("2026-03-04"), {0, 3, 0, 1}, samples);
  ASSERT_EQ(report.priorities.size(), 4u);
  EXPECT_EQ(report.priorities[0].priority, Priority::kUrgent);
  EXPECT_EQ(report.priorities[0].created, 1);
  EXPECT_EQ(report.priorities[0].first_response.measured, 1);
  EXPECT_EQ(report.priorities[0].resolution.measured, 0);
  EXPECT_FALSE(report.priorities[0].resolution.met_share);
  const auto& normal = report.priorities[2];
  EXPECT_EQ(normal.priority, Priority::kNormal);
  EXPECT_EQ(normal.created, 3);
  EXPECT_EQ(normal.first_response.measured, 2);
  EXPECT_EQ(normal.first_response.met, 1);
  EXPECT_DOUBLE_EQ(*normal.first_response.met_share, 0.5);
  EXPECT_DOUBLE_EQ(*normal.first_response.median_minutes, 930.0);
  EXPECT_DOUBLE_EQ(*normal.first_response.p90_minutes, 1800.0);
  ASSERT_EQ(report.daily.size(), 3u);
  EXPECT_DOUBLE_EQ(*report.daily[0].first_response_met_share, 0.5);
  EXPECT_FALSE(report.daily[0].resolution_met_share);
  EXPECT_DOUBLE_EQ(*report.daily[1].first_response_met_share, 1.0);
  EXPECT_DOUBLE_EQ(*report.daily[1].resolution_met_share, 1.0);
  EXPECT_FALSE(report.daily[2].first_response_met_share);
}

}  // namespace
}  // namespace gongdan::domain::sla
