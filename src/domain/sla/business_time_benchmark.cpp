// How cheap due-time maths is. The bar: 1,000,000 due-time computations over the 2026
// calendar in well under a second (BM_MillionDueTimes_Cn2026). Run from `make bench` or
// build/<dir>/benchmarks/gongdan_domain_benchmarks.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "domain/sla/business_time.hpp"
#include "domain/sla/presets.hpp"
#include "domain/sla/sla_clock.hpp"

namespace gongdan::domain::sla {
namespace {

using core::Timestamp;
using std::chrono::milliseconds;

struct Case {
  Timestamp start;
  milliseconds duration;
};

/// Starts spread over 2026 (to the minute), targets from one minute to three working days.
std::vector<Case> cases(const char* from, const char* to, std::size_t n = 4096) {
  std::mt19937_64 rng(2026);
  const auto first = core::to_epoch_ms(*core::parse_rfc3339(from)) / 60'000;
  const auto last = core::to_epoch_ms(*core::parse_rfc3339(to)) / 60'000;
  std::uniform_int_distribution<std::int64_t> minute(first, last);
  std::uniform_int_distribution<std::int64_t> target(1, 27LL * 60);
  std::vector<Case> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back({core::from_epoch_ms(minute(rng) * 60'000), std::chrono::minutes{target(rng)}});
  }
  return out;
}

const std::vector<Case>& cases_2026() {
  static const auto all = cases("2026-01-01T00:00:00+08:00", "2026-12-31T00:00:00+08:00");
  return all;
}

// Times add_business_time over `all`, one case per iteration, round and round.
void time_add_business_time(benchmark::State& state, const BusinessCalendar& calendar, const std::vector<Case>& all) {
  std::size_t i = 0;
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    const auto& c = all[i++ % all.size()];
    benchmark::DoNotOptimize(add_business_time(calendar, c.start, c.duration));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AddBusinessTime_Cn2026(benchmark::State& state) {
  const auto calendar = cn_mainland_2026_calendar();
  time_add_business_time(state, calendar, cases_2026());
}
BENCHMARK(BM_AddBusinessTime_Cn2026);

void BM_MillionDueTimes_Cn2026(benchmark::State& state) {
  const auto calendar = cn_mainland_2026_calendar();
  const auto& all = cases_2026();
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    for (std::size_t i = 0; i < 1'000'000; ++i) {
      const auto& c = all[i % all.size()];
      benchmark::DoNotOptimize(add_business_time(calendar, c.start, c.duration));
    }
  }
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_MillionDueTimes_Cn2026)->Unit(benchmark::kMillisecond);

void BM_BusinessTimeBetween_Cn2026(benchmark::State& state) {
  const auto calendar = cn_mainland_2026_calendar();
  const auto& all = cases_2026();
  std::size_t i = 0;
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    const auto& a = all[i++ % all.size()];
    const auto& b = all[(i * 7) % all.size()];
    benchmark::DoNotOptimize(business_time_between(calendar, a.start, b.start));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BusinessTimeBetween_Cn2026);

void BM_DueAtWorkingDays_Cn2026(benchmark::State& state) {
  const auto calendar = cn_mainland_2026_calendar();
  const auto& all = cases_2026();
  std::size_t i = 0;
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    const auto& c = all[i++ % all.size()];
    benchmark::DoNotOptimize(due_at(calendar, c.start, SlaDuration{3, std::chrono::minutes{30}}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DueAtWorkingDays_Cn2026);

void BM_SlaClockWithTwoPauses_Cn2026(benchmark::State& state) {
  const auto calendar = cn_mainland_2026_calendar();
  const auto& all = cases_2026();
  std::size_t i = 0;
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    const auto& c = all[i++ % all.size()];
    SlaClock clock(c.start);
    (void)clock.pause(c.start + std::chrono::hours{2});
    (void)clock.resume(c.start + std::chrono::hours{30});
    (void)clock.pause(c.start + std::chrono::hours{31});
    (void)clock.resume(c.start + std::chrono::hours{50});
    benchmark::DoNotOptimize(clock.due_at(calendar, c.duration));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SlaClockWithTwoPauses_Cn2026);

void BM_AddBusinessTime_NewYorkDst(benchmark::State& state) {
  const auto calendar =
      *BusinessCalendar::create({"ny",
                                 *core::TimeZone::locate("America/New_York"),
                                 WeeklyHours::monday_to_friday({{std::chrono::hours{9}, std::chrono::hours{18}}}),
                                 {}});
  time_add_business_time(state, calendar, cases_2026());
}
BENCHMARK(BM_AddBusinessTime_NewYorkDst);

// Past the precomputed window each call builds the year's table: the slow but exact path.
void BM_AddBusinessTime_OutsideWindow(benchmark::State& state) {
  const auto calendar = cn_mainland_2026_calendar();
  static const auto far = cases("2045-01-01T00:00:00+08:00", "2045-12-20T00:00:00+08:00");
  time_add_business_time(state, calendar, far);
}
BENCHMARK(BM_AddBusinessTime_OutsideWindow)->Unit(benchmark::kMicrosecond);

void BM_BuildCalendar_Cn2026(benchmark::State& state) {
  const auto definition = cn_mainland_2026_calendar().definition();
  for (auto iteration : state) {
    (void)iteration;
    benchmark::DoNotOptimize(BusinessCalendar::create(definition));
  }
}
BENCHMARK(BM_BuildCalendar_Cn2026)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gongdan::domain::sla
