#include "storage/sqlite/sqlite_sla_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "storage/testing/test_database.hpp"

// Service levels on SQLite (migration 9): the clocks follow ticket changes inside their write
// transaction, and the escalation pass records each warning and breach once.
namespace gongdan::storage {
namespace {

using testing::TestDatabase;
namespace sla = domain::sla;

constexpr std::int64_t kT0 = 1'764'000'000'000;  // 2025-11-24T16:00:00Z, a Tuesday 00:00 in Shanghai
constexpr std::int64_t kHour = 3'600'000;

domain::TicketDecision change_to(domain::Status status, domain::Priority priority, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = status;
    change.updated.priority = priority;
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    return change;
  };
}

domain::TicketDecision agent_reply(const domain::User& agent, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = domain::Status::kOpen;
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    change.message = domain::NewMessage{{agent.id, agent.name, agent.role}, "您好", false, {}};
    return change;
  };
}

sla::EscalationMailSettings mail() { return {"https://help.example.com", "Gongdan"}; }

TEST(SqliteSlaRepositoryTest, ANewTicketGetsTheStandardPolicysDueTimes) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  EXPECT_EQ(ticket.sla_policy, "标准服务 Standard");
  ASSERT_TRUE(ticket.first_response_due_at);
  EXPECT_EQ(core::to_epoch_ms(*ticket.first_response_due_at), kT0 + 24 * kHour);
  EXPECT_FALSE(ticket.next_response_due_at);
  ASSERT_TRUE(ticket.resolution_due_at);
  EXPECT_EQ(ticket.sla_due_at, ticket.first_response_due_at);
  EXPECT_EQ(core::to_epoch_ms(*ticket.sla_warn_at), kT0 + 18 * kHour);
  SqliteSlaRepository repo(t.db->store());
  const auto record = repo.record_of(ticket.id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->clock.size(), 1U);
}

TEST(SqliteSlaRepositoryTest, ChangesMoveTheClocksAndRecordFinishedTargets) {
  TestDatabase t;
  const auto agent = t.add_user("agent@example.com", domain::Role::kAgent, "王芳");
  const auto ticket = t.add_ticket(1, kT0);
  auto pending = t.db->tickets().modify(ticket.id, change_to(domain::Status::kPending, ticket.priority, kT0 + kHour));
  ASSERT_TRUE(pending);
  EXPECT_FALSE(pending->ticket.first_response_due_at) << "paused";
  EXPECT_FALSE(pending->ticket.sla_due_at);
  auto reopened = t.db->tickets().modify(ticket.id, change_to(domain::Status::kOpen, ticket.priority, kT0 + 3 * kHour));
  ASSERT_TRUE(reopened);
  EXPECT_EQ(core::to_epoch_ms(*reopened->ticket.first_response_due_at), kT0 + 26 * kHour) << "the 2 h pause added";
  auto urgent =
      t.db->tickets().modify(ticket.id, change_to(domain::Status::kOpen, domain::Priority::kUrgent, kT0 + 3 * kHour));
  ASSERT_TRUE(urgent);
  // Urgent: 1 h around the clock had run before the pause, so it was due then (a past instant).
  EXPECT_EQ(core::to_epoch_ms(*urgent->ticket.first_response_due_at), kT0 + kHour);
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, agent_reply(agent, kT0 + 4 * kHour)));
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'missed' AND target = 'first_response'"), 1);
  const auto after = t.db->tickets().find_by_id(ticket.id);
  EXPECT_FALSE(after->first_response_due_at);
}

TEST(SqliteSlaRepositoryTest, EachWarningAndBreachIsRecordedOnceWithItsActions) {
  TestDatabase t;
  const auto supervisor = t.add_user("boss@example.com", domain::Role::kSupervisor, "李主管");
  const auto ticket = t.add_ticket(1, kT0);
  SqliteSlaRepository repo(t.db->store());
  auto policy = repo.policies().front();
  policy.escalation.raise_priority = true;
  ASSERT_TRUE(repo.update_policy(policy, core::from_epoch_ms(kT0)));

  for (int i = 0; i < 2; ++i) {
    const auto pass = repo.run_checks(core::from_epoch_ms(kT0 + 19 * kHour), 100, mail());
    ASSERT_TRUE(pass);
    EXPECT_EQ(pass->warnings, i == 0 ? 1 : 0);
    EXPECT_EQ(pass->breaches, 0);
  }
  for (int i = 0; i < 2; ++i) {
    const auto pass = repo.run_checks(core::from_epoch_ms(kT0 + 25 * kHour), 100, mail());
    ASSERT_TRUE(pass);
    EXPECT_EQ(pass->breaches, i == 0 ? 1 : 0) << "pass " << i;
    if (i == 0) {
      ASSERT_EQ(pass->activities.size(), 1U);
      EXPECT_EQ(pass->activities[0].priority, domain::Priority::kHigh);
    }
  }
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'warning'"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'breached'"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_events WHERE type = 'sla_breached'"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox WHERE kind = 'sla_breached' AND to_email = 'boss@example.com'"), 1);
  const auto raised = t.db->tickets().find_by_id(ticket.id);
  EXPECT_EQ(raised->priority, domain::Priority::kHigh) << "normal raised one step";
  // High: the first response is now 4 business hours from the start, long past.
  ASSERT_TRUE(raised->first_response_due_at);
  EXPECT_LT(core::to_epoch_ms(*raised->first_response_due_at), kT0 + 25 * kHour);
  (void)supervisor;
}

TEST(SqliteSlaRepositoryTest, ARaisedPrioritysTargetsAlreadyPastAreRecordedInTheSamePass) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);  // normal, Tuesday 00:00 in Shanghai
  SqliteSlaRepository repo(t.db->store());
  auto policy = repo.policies().front();
  policy.escalation.raise_priority = true;
  ASSERT_TRUE(repo.update_policy(policy, core::from_epoch_ms(kT0)));

  // The first look comes late (Thursday 11:30): the first response (24 h) is breached, which raises
  // the ticket to high, whose resolution (3 business days: due Thursday 18:00) is past 75 % (11:15).
  const auto late = repo.run_checks(core::from_epoch_ms(kT0 + 59 * kHour + 30 * 60'000), 100, mail());
  ASSERT_TRUE(late);
  EXPECT_EQ(late->breaches, 1);
  EXPECT_EQ(late->warnings, 2) << "the first response's and, under high, the resolution's";
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'warning' AND target = 'resolution'"), 1);
  const auto high = t.db->tickets().find_by_id(ticket.id);
  EXPECT_EQ(high->priority, domain::Priority::kHigh);
  EXPECT_EQ(t.count("SELECT sla_next_check_at FROM tickets WHERE id = " + std::to_string(ticket.id.value)),
            kT0 + 66 * kHour)
      << "next: the resolution's due time under high";

  // Past that due time, the resolution breach raises it again, to urgent, in one pass.
  const auto due = repo.run_checks(core::from_epoch_ms(kT0 + 67 * kHour), 100, mail());
  ASSERT_TRUE(due);
  EXPECT_EQ(due->breaches, 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'breached' AND target = 'resolution'"), 1);
  EXPECT_EQ(t.db->tickets().find_by_id(ticket.id)->priority, domain::Priority::kUrgent);
}

TEST(SqliteSlaRepositoryTest, OneLateLookRecordsTheRaisedPrioritysBreachToo) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  SqliteSlaRepository repo(t.db->store());
  auto policy = repo.policies().front();
  policy.escalation.raise_priority = true;
  ASSERT_TRUE(repo.update_policy(policy, core::from_epoch_ms(kT0)));
  // Thursday 19:00: first response breached (normal → high), then high's resolution is due (→ urgent).
  const auto pass = repo.run_checks(core::from_epoch_ms(kT0 + 67 * kHour), 100, mail());
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->breaches, 2);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'breached' AND target = 'resolution'"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'warning' AND target = 'resolution'"), 1);
  EXPECT_EQ(t.db->tickets().find_by_id(ticket.id)->priority, domain::Priority::kUrgent);
  const auto again = repo.run_checks(core::from_epoch_ms(kT0 + 68 * kHour), 100, mail());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->breaches + again->warnings, 0) << "nothing twice";
}

TEST(SqliteSlaRepositoryTest, ATicketWhoseCheckFailsIsSkippedAndReportedNotTheWholeBatch) {
  TestDatabase t;
  const auto broken = t.add_ticket(1, kT0);
  const auto fine = t.add_ticket(2, kT0);
  // A row the check cannot write: recording this ticket's breach throws inside the pass.
  ASSERT_TRUE(t.db->sqlite()->sqlite_store().write([&](sqlite::Connection& db) -> core::Status {
    db.exec("CREATE TRIGGER corrupt BEFORE INSERT ON sla_events WHEN NEW.ticket_id = " +
            std::to_string(broken.id.value) + " AND NEW.kind = 'breached' BEGIN SELECT RAISE(ABORT, 'corrupt'); END");
    return core::ok_status();
  }));
  SqliteSlaRepository repo(t.db->store());
  const auto now = kT0 + 25 * kHour;
  const auto pass = repo.run_checks(core::from_epoch_ms(now), 100, mail());
  ASSERT_TRUE(pass) << pass.error().message;
  EXPECT_EQ(pass->tickets_checked, 2);
  EXPECT_EQ(pass->breaches, 1) << "the other ticket's breach stands";
  EXPECT_EQ(pass->warnings, 1) << "the failed ticket's warning was rolled back with it";
  ASSERT_EQ(pass->failures.size(), 1U);
  EXPECT_EQ(pass->failures[0].ticket, broken.id);
  EXPECT_EQ(pass->activities.size(), 1U);
  const auto id = [](const domain::Ticket& ticket) { return std::to_string(ticket.id.value); };
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE ticket_id = " + id(broken)), 0);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'breached' AND ticket_id = " + id(fine)), 1);
  EXPECT_EQ(t.count("SELECT sla_next_check_at FROM tickets WHERE id = " + id(broken)), now + kHour)
      << "looked at again in an hour, not at every pass";
  std::lock_guard lock(t.errors_mutex);
  EXPECT_TRUE(std::any_of(t.errors.begin(), t.errors.end(),
                          [](const std::string& e) { return e.find("sla check: ticket") != std::string::npos; }));
}

TEST(SqliteSlaRepositoryTest, ACorruptRecordIsReportedNotTakenForNoRecord) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  const auto id = std::to_string(ticket.id.value);
  // A history parse_clock_history refuses: a pause before the start.
  ASSERT_TRUE(t.db->sqlite()->sqlite_store().write([&](sqlite::Connection& db) -> core::Status {
    db.exec("UPDATE ticket_sla SET clock = 's" + std::to_string(kT0) + " p" + std::to_string(kT0 - kHour) +
            "' WHERE ticket_id = " + id);
    return core::ok_status();
  }));
  const auto has_error = [&t] {
    std::lock_guard lock(t.errors_mutex);
    const bool found = std::any_of(t.errors.begin(), t.errors.end(), [](const std::string& e) {
      return e.find("corrupt SLA clock history") != std::string::npos;
    });
    t.errors.clear();
    return found;
  };
  SqliteSlaRepository repo(t.db->store());
  EXPECT_FALSE(repo.record_of(ticket.id));
  EXPECT_TRUE(has_error()) << "reading it reports it";

  // An edit of the ticket goes through, and leaves the ticket for the job, which reports it.
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, change_to(domain::Status::kPending, ticket.priority, kT0 + kHour)));
  EXPECT_EQ(t.count("SELECT sla_next_check_at FROM tickets WHERE id = " + id), kT0 + kHour);
  const auto pass = repo.run_checks(core::from_epoch_ms(kT0 + 2 * kHour), 100, mail());
  ASSERT_TRUE(pass);
  ASSERT_EQ(pass->failures.size(), 1U);
  EXPECT_NE(pass->failures[0].what.find("corrupt SLA clock history"), std::string::npos);
  EXPECT_TRUE(has_error());
}

TEST(SqliteSlaRepositoryTest, SortByDueUsesTheEarliestDueTime) {
  TestDatabase t;
  const auto normal = t.add_ticket(1, kT0);
  const auto urgent = t.add_ticket(2, kT0 + kHour);
  ASSERT_TRUE(
      t.db->tickets().modify(urgent.id, change_to(domain::Status::kOpen, domain::Priority::kUrgent, kT0 + kHour)));
  domain::TicketQuery query;
  query.order = domain::TicketQuery::Order::kDue;
  const auto page = t.db->tickets().list(query);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 2U);
  EXPECT_EQ(page->items[0].id, urgent.id);
  EXPECT_EQ(page->items[1].id, normal.id);
}

TEST(SqliteSlaRepositoryTest, CalendarsAreSavedWithANewRevisionAndRefusedWhileInUse) {
  TestDatabase t;
  SqliteSlaRepository repo(t.db->store());
  auto cn = repo.find_calendar("cn-mainland-2026");
  ASSERT_TRUE(cn);
  EXPECT_EQ(cn->definition.special_days.size(), 39U);
  EXPECT_EQ(cn->used_by, std::vector<std::string>{"标准服务 Standard"});
  const auto revision = cn->revision;
  ASSERT_TRUE(repo.save_calendar(cn->definition, core::from_epoch_ms(kT0)));
  EXPECT_EQ(repo.find_calendar("cn-mainland-2026")->revision, revision + 1);
  const auto refused = repo.delete_calendar("cn-mainland-2026");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "calendar_in_use");
}

TEST(SqliteSlaRepositoryTest, ACalendarCreatedAgainAfterADeleteNeverReusesARevision) {
  // Built calendars are cached by name and revision: a repeated revision would serve the old hours.
  TestDatabase t;
  SqliteSlaRepository repo(t.db->store());
  auto definition = repo.find_calendar("cn-mainland-2026")->definition;
  definition.name = "night-shift";
  definition.special_days.clear();
  ASSERT_TRUE(repo.save_calendar(definition, core::from_epoch_ms(kT0)));
  const auto first = repo.find_calendar("night-shift")->revision;
  ASSERT_TRUE(repo.delete_calendar("night-shift"));
  definition.weekly.set(std::chrono::Saturday, {sla::WorkingInterval{std::chrono::hours(9), std::chrono::hours(12)}});
  ASSERT_TRUE(repo.save_calendar(definition, core::from_epoch_ms(kT0 + kHour)));
  const auto again = repo.find_calendar("night-shift");
  EXPECT_GT(again->revision, first);
  EXPECT_EQ(again->definition.weekly.on(std::chrono::Saturday).size(), 1U);
}

}  // namespace
}  // namespace gongdan::storage

namespace gongdan::storage {
namespace {

// The queue estimate's facts (docs/sla.md, reply_by): tickets ahead are counted only once the team
// has answered enough tickets in 7 days for a pace, and only the open, unanswered, at least as
// urgent, older ones.
TEST(SqliteSlaRepositoryQueueTest, CountsTicketsAheadOnlyWhenThereIsAPaceToEstimateFrom) {
  TestDatabase t;
  const auto agent = t.add_user("queue.agent@example.com", domain::Role::kAgent, "李娜");
  SqliteSlaRepository repo(t.db->store());
  const auto older = t.add_ticket(1, kT0);
  const auto other = t.add_ticket(2, kT0 + 1000);
  const auto mine = t.add_ticket(3, kT0 + 2000);
  const auto newer = t.add_ticket(4, kT0 + 3000);  // behind mine: not counted
  (void)older;
  (void)other;
  (void)newer;
  const auto now = core::from_epoch_ms(kT0 + 2 * kHour);
  auto few = repo.queue_facts(mine, now);
  EXPECT_EQ(few.replies_last_7d, 0);
  EXPECT_EQ(few.tickets_ahead, 0) << "no pace yet: not counted";

  // The team answers 20 other tickets: now there is a pace, and the two older ones are ahead.
  for (std::uint32_t n = 10; n < 30; ++n) {
    const auto answered = t.add_ticket(n, kT0 - 10 * kHour + n);
    ASSERT_TRUE(t.db->tickets().modify(answered.id, agent_reply(agent, kT0 + kHour)));
  }
  auto paced = repo.queue_facts(mine, now);
  EXPECT_EQ(paced.replies_last_7d, 20);
  EXPECT_EQ(paced.tickets_ahead, 2) << "answered tickets are not ahead, newer ones neither";
}

}  // namespace
}  // namespace gongdan::storage
