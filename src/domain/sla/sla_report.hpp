#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <vector>

#include "core/time.hpp"
#include "domain/sla/sla_policy.hpp"
#include "domain/tickets/status.hpp"

namespace gongdan::domain::sla {

/// One finished target of a ticket created in the report's period.
struct FinishedSample {
  Priority priority = Priority::kNormal;  // the ticket's priority when the target finished
  TargetKind kind = TargetKind::kFirstResponse;
  std::chrono::year_month_day created_on;  // the ticket's creation date, Asia/Shanghai
  std::chrono::milliseconds taken{0};      // wall-clock time from the target's start to its finish
  bool met = true;
};

/// Met share and times of one target kind.
struct TargetFigures {
  int measured = 0;
  int met = 0;
  std::optional<double> met_share;  // met / measured, none when nothing was measured
  std::optional<double> median_minutes;
  std::optional<double> p90_minutes;
};

struct PriorityFigures {
  Priority priority = Priority::kNormal;
  int created = 0;
  TargetFigures first_response;
  TargetFigures resolution;
};

struct DailyShare {
  std::chrono::year_month_day date;
  std::optional<double> first_response_met_share;
  std::optional<double> resolution_met_share;
};

struct SlaReport {
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
  std::vector<PriorityFigures> priorities;  // urgent first
  std::vector<DailyShare> daily;            // every date of the period
};

/// The median of the times (the mean of the middle two for an even count), in minutes.
std::optional<double> median_minutes(std::vector<std::chrono::milliseconds> times);
/// The 90th percentile by nearest rank (the ⌈0.9·n⌉-th smallest), in minutes.
std::optional<double> p90_minutes(std::vector<std::chrono::milliseconds> times);

/// Figures of the samples of one kind.
TargetFigures target_figures(const std::vector<FinishedSample>& samples, TargetKind kind);

/// The report of a period: `created` counts per priority, the finished samples of the tickets
/// created in it. Next-response samples are ignored (the report covers first response and resolution).
SlaReport build_report(std::chrono::year_month_day from, std::chrono::year_month_day to,
                       const std::array<int, 4>& created_by_priority, const std::vector<FinishedSample>& samples);

/// At most this many days in one report: a year and a leap day.
inline constexpr int kMaxReportDays = 366;

}  // namespace gongdan::domain::sla
