#include "domain/sla/sla_report.hpp"

#include <algorithm>

namespace gongdan::domain::sla {
namespace {

double minutes(std::chrono::milliseconds ms) { return static_cast<double>(ms.count()) / 60000.0; }

std::optional<double> share(int met, int measured) {
  if (measured == 0) return std::nullopt;
  return static_cast<double>(met) / measured;
}

}  // namespace

std::optional<double> median_minutes(std::vector<std::chrono::milliseconds> times) {
  if (times.empty()) return std::nullopt;
  std::sort(times.begin(), times.end());
  const auto n = times.size();
  if (n % 2 == 1) return minutes(times[n / 2]);
  return (minutes(times[n / 2 - 1]) + minutes(times[n / 2])) / 2.0;
}

std::optional<double> p90_minutes(std::vector<std::chrono::milliseconds> times) {
  if (times.empty()) return std::nullopt;
  std::sort(times.begin(), times.end());
  const auto n = times.size();
  const auto rank = (9 * n + 9) / 10;  // ⌈0.9·n⌉, in integers
  return minutes(times[rank - 1]);
}

TargetFigures target_figures(const std::vector<FinishedSample>& samples, TargetKind kind) {
  TargetFigures figures;
  std::vector<std::chrono::milliseconds> times;
  for (const auto& s : samples) {
    if (s.kind != kind) continue;
    ++figures.measured;
    if (s.met) ++figures.met;
    times.push_back(s.taken);
  }
  figures.met_share = share(figures.met, figures.measured);
  figures.median_minutes = median_minutes(times);
  figures.p90_minutes = p90_minutes(std::move(times));
  return figures;
}

SlaReport build_report(std::chrono::year_month_day from, std::chrono::year_month_day to,
                       const std::array<int, 4>& created_by_priority, const std::vector<FinishedSample>& samples) {
  SlaReport report{from, to, {}, {}};
  for (int p = 3; p >= 0; --p) {
    const auto priority = static_cast<Priority>(p);
    std::vector<FinishedSample> mine;
    for (const auto& s : samples) {
      if (s.priority == priority) mine.push_back(s);
    }
    report.priorities.push_back({priority, created_by_priority[static_cast<std::size_t>(p)],
                                 target_figures(mine, TargetKind::kFirstResponse),
                                 target_figures(mine, TargetKind::kResolution)});
  }
  for (auto day = std::chrono::sys_days{from}; day <= std::chrono::sys_days{to}; day += std::chrono::days{1}) {
    const std::chrono::year_month_day date{day};
    std::array<int, 2> met{0, 0};
    std::array<int, 2> measured{0, 0};
    for (const auto& s : samples) {
      if (s.created_on != date || s.kind == TargetKind::kNextResponse) continue;
      const int i = s.kind == TargetKind::kFirstResponse ? 0 : 1;
      ++measured[i];
      if (s.met) ++met[i];
    }
    report.daily.push_back({date, share(met[0], measured[0]), share(met[1], measured[1])});
  }
  return report;
}

}  // namespace gongdan::domain::sla
