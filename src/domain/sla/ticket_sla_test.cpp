#include "domain/sla/ticket_sla.hpp"

#include <gtest/gtest.h>

#include "domain/sla/presets.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using testing::at;
using testing::show;

class TicketSlaTest : public ::testing::Test {
 protected:
  SlaPolicy policy = standard_policy();
  BusinessCalendar cn = cn_mainland_2026_calendar();
  BusinessCalendar around = always_open_calendar();
  SlaContext context(Priority p) const { return {&policy.targets_for(p), &cn, &around}; }

  static SlaEvent status(Status from, Status to, const char* when) { return {from, to, false, false, at(when)}; }
  static SlaEvent agent_reply(Status s, const char* when) { return {s, s, true, false, at(when)}; }
  static SlaEvent customer_message(Status from, Status to, const char* when) {
    return {from, to, false, true, at(when)};
  }

  static const TargetStatus* target(const SlaStatus& status, TargetKind kind) {
    for (const auto& t : status.targets) {
      if (t.kind == kind) return &t;
    }
    return nullptr;
  }
};

TEST_F(TicketSlaTest, ANewTicketIsDueByItsPriorityTargets) {
  const auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  const auto normal = evaluate(record, context(Priority::kNormal), at("2026-03-02T10:00:00+08:00"));
  EXPECT_EQ(show(*normal.first_response_due), show(at("2026-03-03T10:00:00+08:00")));  // 24 h around the clock
  EXPECT_FALSE(normal.next_response_due);                                              // nothing owed yet
  EXPECT_EQ(show(*normal.resolution_due), show(at("2026-03-09T10:00:00+08:00")));      // 5 working days
  EXPECT_EQ(show(*normal.earliest_due), show(*normal.first_response_due));
  // 75 % of a 24 h target is 18 h in.
  EXPECT_EQ(show(*normal.earliest_warn), show(at("2026-03-03T04:00:00+08:00")));
  const auto high = evaluate(record, context(Priority::kHigh), at("2026-03-02T10:00:00+08:00"));
  EXPECT_EQ(show(*high.first_response_due), show(at("2026-03-02T14:00:00+08:00")));  // 4 business hours
  EXPECT_EQ(show(*target(high, TargetKind::kFirstResponse)->warn_at), show(at("2026-03-02T13:00:00+08:00")));
}

TEST_F(TicketSlaTest, NoPolicyMeansNoTargets) {
  const auto record = start_record(std::nullopt, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  const auto status = evaluate(record, {}, at("2026-03-02T10:00:00+08:00"));
  EXPECT_TRUE(status.targets.empty());
  EXPECT_FALSE(status.earliest_due);
  EXPECT_FALSE(status.next_check_after(at("2026-03-02T10:00:00+08:00")));
}

TEST_F(TicketSlaTest, PausedOverTheSpringFestivalTheDueTimeMovesByTheWorkItCovered) {
  // High: 4 business hours. Friday 16:00, one hour runs, then the ticket waits on the customer
  // from 17:00 until Tuesday after the festival (the make-up Saturday falls inside the pause).
  auto record = start_record(1, at("2026-02-13T16:00:00+08:00"), Status::kNew);
  EXPECT_TRUE(
      apply_event(record, status(Status::kNew, Status::kPending, "2026-02-13T17:00:00+08:00"), context(Priority::kHigh))
          .empty());
  const auto paused = evaluate(record, context(Priority::kHigh), at("2026-02-20T12:00:00+08:00"));
  EXPECT_FALSE(paused.first_response_due) << "nothing is due while the customer owes a reply";
  EXPECT_FALSE(paused.resolution_due);
  EXPECT_EQ(target(paused, TargetKind::kFirstResponse)->state, TargetState::kPaused);
  EXPECT_FALSE(paused.next_check_after(at("2026-02-20T12:00:00+08:00")));
  apply_event(record, customer_message(Status::kPending, Status::kOpen, "2026-02-24T10:00:00+08:00"),
              context(Priority::kHigh));
  const auto resumed = evaluate(record, context(Priority::kHigh), at("2026-02-24T10:00:00+08:00"));
  EXPECT_EQ(show(*resumed.first_response_due), show(at("2026-02-24T13:00:00+08:00")));
  EXPECT_EQ(target(resumed, TargetKind::kFirstResponse)->state, TargetState::kRunning);
  EXPECT_EQ(record.cycle, 0) << "a message before the first response starts no cycle";
}

TEST_F(TicketSlaTest, SolvedStopsTheClocksAndRecordsTheResolution) {
  auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  auto finished = apply_event(record, status(Status::kOpen, Status::kResolved, "2026-03-03T10:00:00+08:00"),
                              context(Priority::kNormal));
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].kind, TargetKind::kResolution);
  EXPECT_TRUE(finished[0].met);
  const auto solved = evaluate(record, context(Priority::kNormal), at("2026-03-04T10:00:00+08:00"));
  EXPECT_FALSE(solved.resolution_due);
  EXPECT_EQ(target(solved, TargetKind::kResolution)->state, TargetState::kMet);
  // First response: 24 h had run out at the solve (10:00 exactly is still on time).
  EXPECT_EQ(show(*solved.first_response_due), show(at("2026-03-03T10:00:00+08:00")))
      << "a target reached before the pause keeps its past due time";
  // A reopen runs the resolution again from where it stopped.
  apply_event(record, customer_message(Status::kResolved, Status::kOpen, "2026-03-05T10:00:00+08:00"),
              context(Priority::kNormal));
  const auto reopened = evaluate(record, context(Priority::kNormal), at("2026-03-05T10:00:00+08:00"));
  EXPECT_TRUE(reopened.resolution_due);
  EXPECT_EQ(target(reopened, TargetKind::kResolution)->state, TargetState::kRunning);
}

TEST_F(TicketSlaTest, APublicReplyMeetsTheFirstResponseAndCustomerMessagesStartCycles) {
  auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  auto finished =
      apply_event(record, agent_reply(Status::kNew, "2026-03-02T10:30:00+08:00"), context(Priority::kUrgent));
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].kind, TargetKind::kFirstResponse);
  EXPECT_TRUE(finished[0].met);
  EXPECT_EQ(show(*finished[0].due_at), show(at("2026-03-02T11:00:00+08:00")));

  apply_event(record, customer_message(Status::kOpen, Status::kOpen, "2026-03-02T12:00:00+08:00"),
              context(Priority::kUrgent));
  EXPECT_EQ(record.cycle, 1);
  auto status1 = evaluate(record, context(Priority::kUrgent), at("2026-03-02T12:00:00+08:00"));
  EXPECT_EQ(show(*status1.next_response_due), show(at("2026-03-02T14:00:00+08:00")));  // 2 h urgent
  EXPECT_FALSE(status1.first_response_due);
  // A second message while the reply is owed does not restart the cycle.
  apply_event(record, customer_message(Status::kOpen, Status::kOpen, "2026-03-02T13:00:00+08:00"),
              context(Priority::kUrgent));
  EXPECT_EQ(record.cycle, 1);
  // Answered late: the cycle is missed.
  finished = apply_event(record, agent_reply(Status::kOpen, "2026-03-02T15:00:00+08:00"), context(Priority::kUrgent));
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].kind, TargetKind::kNextResponse);
  EXPECT_EQ(finished[0].cycle, 1);
  EXPECT_FALSE(finished[0].met);
  const auto done = evaluate(record, context(Priority::kUrgent), at("2026-03-02T15:00:00+08:00"));
  EXPECT_EQ(target(done, TargetKind::kNextResponse)->state, TargetState::kBreached);
  apply_event(record, customer_message(Status::kOpen, Status::kOpen, "2026-03-02T16:00:00+08:00"),
              context(Priority::kUrgent));
  EXPECT_EQ(record.cycle, 2);
  EXPECT_EQ(show(*record.cycle_started_at), show(at("2026-03-02T16:00:00+08:00")));
}

TEST_F(TicketSlaTest, APriorityChangeRecomputesFromTheStartWithThePausesIncluded) {
  auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  apply_event(record, status(Status::kOpen, Status::kPending, "2026-03-02T10:10:00+08:00"), context(Priority::kNormal));
  apply_event(record, status(Status::kPending, Status::kOpen, "2026-03-02T10:40:00+08:00"), context(Priority::kNormal));
  const auto urgent = evaluate(record, context(Priority::kUrgent), at("2026-03-02T10:40:00+08:00"));
  // 1 h around the clock plus the 30 min pause.
  EXPECT_EQ(show(*urgent.first_response_due), show(at("2026-03-02T11:30:00+08:00")));
  const auto low = evaluate(record, context(Priority::kLow), at("2026-03-02T10:40:00+08:00"));
  // 3 working days, extended by the 30 working minutes the pause covered.
  EXPECT_EQ(show(*low.first_response_due), show(at("2026-03-05T10:30:00+08:00")));
}

TEST_F(TicketSlaTest, StatesAtAnInstantAndTheNextCheck) {
  const auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  const auto status = evaluate(record, context(Priority::kUrgent), at("2026-03-02T10:00:00+08:00"));
  EXPECT_EQ(status.state_at(at("2026-03-02T10:44:00+08:00")), SlaState::kOk);
  EXPECT_EQ(status.state_at(at("2026-03-02T10:45:00+08:00")), SlaState::kWarning);  // 75 % of 1 h
  EXPECT_EQ(status.state_at(at("2026-03-02T11:00:00+08:00")), SlaState::kBreached);
  EXPECT_EQ(show(*status.next_check_after(at("2026-03-02T10:00:00+08:00"))), show(at("2026-03-02T10:45:00+08:00")));
  EXPECT_EQ(show(*status.next_check_after(at("2026-03-02T10:45:00+08:00"))), show(at("2026-03-02T11:00:00+08:00")));
  // After the first response's due time, the resolution's warning (18 h of its 24 h) is next.
  EXPECT_EQ(show(*status.next_check_after(at("2026-03-02T11:00:00+08:00"))), show(at("2026-03-03T04:00:00+08:00")));
}

TEST_F(TicketSlaTest, AnEventBeforeTheLastOneMovesTheClockAtTheLastOne) {
  // A clock stepped back (or a second process a little behind) sends a pause before the start.
  auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  apply_event(record, status(Status::kNew, Status::kPending, "2026-03-02T09:59:00+08:00"), context(Priority::kNormal));
  apply_event(record, status(Status::kPending, Status::kOpen, "2026-03-02T09:58:00+08:00"), context(Priority::kNormal));
  ASSERT_EQ(record.clock.size(), 3U);
  EXPECT_EQ(show(record.clock[1].at), show(at("2026-03-02T10:00:00+08:00")));
  EXPECT_EQ(show(record.clock[2].at), show(at("2026-03-02T10:00:00+08:00")));
  const auto stored = parse_clock_history(format_clock_history(record.clock));
  ASSERT_TRUE(stored) << "the history it stores reads back";
  EXPECT_TRUE(evaluate(record, context(Priority::kNormal), at("2026-03-02T10:30:00+08:00")).first_response_due);
}

TEST_F(TicketSlaTest, PausedAfterItsDueTimeATargetKeepsThePastDueTime) {
  // docs/sla.md "Contract": null while paused short of the target, the past due time after it.
  auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  apply_event(record, status(Status::kNew, Status::kPending, "2026-03-02T11:30:00+08:00"), context(Priority::kUrgent));
  const auto later = at("2026-03-02T12:00:00+08:00");
  const auto urgent = evaluate(record, context(Priority::kUrgent), later);
  ASSERT_TRUE(urgent.first_response_due) << "1 h around the clock: due at 11:00, paused at 11:30";
  EXPECT_EQ(show(*urgent.first_response_due), show(at("2026-03-02T11:00:00+08:00")));
  EXPECT_EQ(target(urgent, TargetKind::kFirstResponse)->state, TargetState::kBreached);
  const auto normal = evaluate(record, context(Priority::kNormal), later);
  EXPECT_FALSE(normal.first_response_due) << "24 h not reached: nothing due while paused";
  EXPECT_EQ(target(normal, TargetKind::kFirstResponse)->state, TargetState::kPaused);
}

TEST_F(TicketSlaTest, ClosedIsFinal) {
  auto record = start_record(1, at("2026-03-02T10:00:00+08:00"), Status::kNew);
  apply_event(record, status(Status::kOpen, Status::kClosed, "2026-03-02T11:00:00+08:00"), context(Priority::kNormal));
  EXPECT_TRUE(record.closed);
  const auto status = evaluate(record, context(Priority::kNormal), at("2026-03-09T11:00:00+08:00"));
  EXPECT_FALSE(status.earliest_due);
  EXPECT_EQ(status.state_at(at("2026-03-09T11:00:00+08:00")), SlaState::kOk);
  EXPECT_TRUE(apply_event(record, customer_message(Status::kClosed, Status::kClosed, "2026-03-10T11:00:00+08:00"),
                          context(Priority::kNormal))
                  .empty());
}

TEST_F(TicketSlaTest, ClockHistoryTextRoundTrips) {
  const std::vector<SlaClock::Event> events{{SlaClock::Event::Kind::kStart, at("2026-03-02T10:00:00Z")},
                                            {SlaClock::Event::Kind::kPause, at("2026-03-02T11:00:00Z")},
                                            {SlaClock::Event::Kind::kResume, at("2026-03-02T12:00:00.5Z")}};
  const auto text = format_clock_history(events);
  EXPECT_EQ(text, "s1772445600000 p1772449200000 r1772452800500");
  const auto parsed = parse_clock_history(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(format_clock_history(*parsed), text);
  EXPECT_FALSE(parse_clock_history("s1 s2"));
  EXPECT_FALSE(parse_clock_history("x1"));
  EXPECT_FALSE(parse_clock_history("s12a"));
}

}  // namespace
}  // namespace gongdan::domain::sla
