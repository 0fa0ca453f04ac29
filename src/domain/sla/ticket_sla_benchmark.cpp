// What a ticket change costs the service level: evaluating a ticket's targets (three due times and
// three warning instants from its clock) and applying one change. The store runs one evaluate per
// ticket change and per escalation check; lists read stored columns and evaluate nothing.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "domain/sla/presets.hpp"
#include "domain/sla/ticket_sla.hpp"

namespace gongdan::domain::sla {
namespace {

using core::Timestamp;

// Tickets created over 2026, each paused twice for an hour, after a first reply and a customer
// message (so all three targets run), at random priorities.
struct Sample {
  TicketSlaRecord record;
  Priority priority;
};

const std::vector<Sample>& samples() {
  static const auto all = [] {
    std::mt19937_64 rng(2026);
    const auto first = core::to_epoch_ms(*core::parse_rfc3339("2026-01-01T00:00:00+08:00")) / 60'000;
    const auto last = core::to_epoch_ms(*core::parse_rfc3339("2026-12-01T00:00:00+08:00")) / 60'000;
    std::uniform_int_distribution<std::int64_t> minute(first, last);
    std::uniform_int_distribution<int> priority(0, 3);
    std::vector<Sample> out;
    for (int i = 0; i < 4096; ++i) {
      const auto start = core::from_epoch_ms(minute(rng) * 60'000);
      const std::chrono::hours h{1};
      auto record = start_record(1, start, Status::kNew);
      record.clock.push_back({SlaClock::Event::Kind::kPause, start + h});
      record.clock.push_back({SlaClock::Event::Kind::kResume, start + 2 * h});
      record.clock.push_back({SlaClock::Event::Kind::kPause, start + 3 * h});
      record.clock.push_back({SlaClock::Event::Kind::kResume, start + 4 * h});
      record.first_response_at = start + 30 * std::chrono::minutes{1};
      record.cycle = 1;
      record.cycle_started_at = start + 5 * h;
      out.push_back({record, static_cast<Priority>(priority(rng))});
    }
    return out;
  }();
  return all;
}

void BM_EvaluateTicket_Cn2026(benchmark::State& state) {
  const auto policy = standard_policy();
  const auto cn = cn_mainland_2026_calendar();
  const auto around = always_open_calendar();
  const auto& all = samples();
  std::size_t i = 0;
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    const auto& s = all[i++ % all.size()];
    const SlaContext context{&policy.targets_for(s.priority), &cn, &around};
    benchmark::DoNotOptimize(evaluate(s.record, context, s.record.clock.front().at));
  }
}
BENCHMARK(BM_EvaluateTicket_Cn2026);

void BM_ApplyAgentReply_Cn2026(benchmark::State& state) {
  const auto policy = standard_policy();
  const auto cn = cn_mainland_2026_calendar();
  const auto around = always_open_calendar();
  const auto& all = samples();
  std::size_t i = 0;
  for (auto iteration : state) {
    (void)iteration;  // the loop variable only drives the timing
    const auto& s = all[i++ % all.size()];
    auto record = s.record;
    const SlaContext context{&policy.targets_for(s.priority), &cn, &around};
    const auto at = record.clock.front().at + std::chrono::hours{6};
    benchmark::DoNotOptimize(apply_event(record, {Status::kOpen, Status::kPending, true, false, at}, context));
  }
}
BENCHMARK(BM_ApplyAgentReply_Cn2026);

}  // namespace
}  // namespace gongdan::domain::sla
