#include "storage/repositories/sql_sla_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "storage/testing/test_database.hpp"

// Service levels (migration 9), on both engines: the clocks follow ticket changes inside their write
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

TEST(SqlSlaRepositoryTest, ANewTicketGetsTheStandardPolicysDueTimes) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  EXPECT_EQ(ticket.sla_policy, "标准服务 Standard");
  ASSERT_TRUE(ticket.first_response_due_at);
  EXPECT_EQ(core::to_epoch_ms(*ticket.first_response_due_at), kT0 + 24 * kHour);
  EXPECT_FALSE(ticket.next_response_due_at);
  ASSERT_TRUE(ticket.resolution_due_at);
  EXPECT_EQ(ticket.sla_due_at, ticket.first_response_due_at);
  EXPECT_EQ(core::to_epoch_ms(*ticket.sla_warn_at), kT0 + 18 * kHour);
  SqlSlaRepository repo(t.db->store());
  const auto record = repo.record_of(ticket.id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->clock.size(), 1U);
}

TEST(SqlSlaRepositoryTest, ChangesMoveTheClocksAndRecordFinishedTargets) {
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

TEST(SqlSlaRepositoryTest, EachWarningAndBreachIsRecordedOnceWithItsActions) {
  TestDatabase t;
  const auto supervisor = t.add_user("boss@example.com", domain::Role::kSupervisor, "李主管");
  const auto ticket = t.add_ticket(1, kT0);
  SqlSlaRepository repo(t.db->store());
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

TEST(SqlSlaRepositoryTest, ARaisedPrioritysTargetsAlreadyPastAreRecordedInTheSamePass) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);  // normal, Tuesday 00:00 in Shanghai
  SqlSlaRepository repo(t.db->store());
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

TEST(SqlSlaRepositoryTest, OneLateLookRecordsTheRaisedPrioritysBreachToo) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  SqlSlaRepository repo(t.db->store());
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

TEST(SqlSlaRepositoryTest, ATicketWhoseCheckFailsIsSkippedAndReportedNotTheWholeBatch) {
  TestDatabase t;
  const auto broken = t.add_ticket(1, kT0);
  const auto fine = t.add_ticket(2, kT0);
  // A row the check cannot write: recording this ticket's breach throws inside the pass.
  const std::string when = "NEW.ticket_id = " + std::to_string(broken.id.value) + " AND NEW.kind = 'breached'";
  ASSERT_TRUE(t.db->store().write([&](sql::Connection& db) -> core::Status {
    if (db.dialect() == sql::Dialect::kSqlite) {
      db.exec("CREATE TRIGGER corrupt BEFORE INSERT ON sla_events WHEN " + when +
              " BEGIN SELECT RAISE(ABORT, 'corrupt'); END");
    } else {
      db.exec("CREATE FUNCTION corrupt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + when +
              " THEN RAISE EXCEPTION 'corrupt'; END IF; RETURN NEW; END $$;"
              "CREATE TRIGGER corrupt BEFORE INSERT ON sla_events FOR EACH ROW EXECUTE FUNCTION corrupt()");
    }
    return core::ok_status();
  }));
  SqlSlaRepository repo(t.db->store());
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

TEST(SqlSlaRepositoryTest, ACorruptRecordIsReportedNotTakenForNoRecord) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  const auto id = std::to_string(ticket.id.value);
  // A history parse_clock_history refuses: a pause before the start.
  ASSERT_TRUE(t.db->store().write([&](sql::Connection& db) -> core::Status {
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
  SqlSlaRepository repo(t.db->store());
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

TEST(SqlSlaRepositoryTest, SortByDueUsesTheEarliestDueTime) {
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

TEST(SqlSlaRepositoryTest, CalendarsAreSavedWithANewRevisionAndRefusedWhileInUse) {
  TestDatabase t;
  SqlSlaRepository repo(t.db->store());
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

TEST(SqlSlaRepositoryTest, ACalendarCreatedAgainAfterADeleteNeverReusesARevision) {
  // Built calendars are cached by name and revision: a repeated revision would serve the old hours.
  TestDatabase t;
  SqlSlaRepository repo(t.db->store());
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

// Several processes run the escalation job against one database (PostgreSQL; on SQLite, two
// processes on one file). Each pass takes due tickets the others do not hold (SKIP LOCKED on
// PostgreSQL, the file's write lock on SQLite), so every ticket is checked once, every warning and
// breach is recorded once, and each breach mails the supervisor once.
TEST(SqlSlaRepositoryTest, PassesOfTwoProcessesAtOnceCheckEachTicketOnce) {
  TestDatabase t;
  t.add_user("boss@example.com", domain::Role::kSupervisor, "李主管");
  constexpr int kTickets = 30;
  for (std::uint32_t n = 1; n <= kTickets; ++n) t.add_ticket(n, kT0 + n);
  auto second = t.open_again();  // the second process

  struct Totals {
    int passes = 0;
    int checked = 0;
    int warnings = 0;
    int breaches = 0;
    int failures = 0;
    bool failed = false;
  };
  const auto now = core::from_epoch_ms(kT0 + 25 * kHour);
  const auto run = [&](sql::Store& store, Totals& totals) {
    SqlSlaRepository repo(store);
    // Small passes, so that the two take turns many times.
    for (int i = 0; i < 200; ++i) {
      const auto pass = repo.run_checks(now, 3, mail());
      if (!pass) {
        totals.failed = true;
        return;
      }
      ++totals.passes;
      totals.checked += pass->tickets_checked;
      totals.warnings += pass->warnings;
      totals.breaches += pass->breaches;
      totals.failures += static_cast<int>(pass->failures.size());
      if (pass->tickets_checked == 0) return;
    }
  };
  Totals a;
  Totals b;
  std::thread first_process([&] { run(t.db->store(), a); });
  std::thread second_process([&] { run(second->store(), b); });
  first_process.join();
  second_process.join();
  ASSERT_FALSE(a.failed || b.failed) << "a pass failed";
  Totals rest;
  run(t.db->store(), rest);  // whatever one stopped early on (the other held it) is done now
  EXPECT_EQ(rest.checked, 0);

  EXPECT_EQ(a.checked + b.checked, kTickets) << "no ticket checked twice at one instant";
  EXPECT_EQ(a.failures + b.failures, 0);
  const int breaches = a.breaches + b.breaches;
  const int warnings = a.warnings + b.warnings;
  EXPECT_GE(breaches, kTickets) << "every ticket's first response is late";
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'breached'"), breaches);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sla_events WHERE kind = 'warning'"), warnings);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_events WHERE type = 'sla_breached'"), breaches);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM outbox WHERE kind = 'sla_breached' AND to_email = 'boss@example.com'"),
            breaches)
      << "one supervisor mail per breach";
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM (SELECT ticket_id FROM sla_events WHERE kind = 'breached' "
                    "GROUP BY ticket_id, target, cycle HAVING COUNT(*) > 1) AS twice"),
            0);
  std::lock_guard lock(t.errors_mutex);
  EXPECT_TRUE(t.errors.empty()) << t.errors.front();
}

// The queue estimate's facts (docs/sla.md, reply_by): tickets ahead are counted only once the team
// has answered enough tickets in 7 days for a pace, and only the open, unanswered, at least as
// urgent, older ones.
TEST(SqlSlaRepositoryQueueTest, CountsTicketsAheadOnlyWhenThereIsAPaceToEstimateFrom) {
  TestDatabase t;
  const auto agent = t.add_user("queue.agent@example.com", domain::Role::kAgent, "李娜");
  SqlSlaRepository repo(t.db->store());
  const auto older = t.add_ticket(1, kT0);
  const auto other = t.add_ticket(2, kT0 + 1000);
  const auto mine = t.add_ticket(3, kT0 + 2000);
  const auto newer = t.add_ticket(4, kT0 + 3000);  // behind mine: not counted
  (void)other;
  (void)newer;
  const auto now = core::from_epoch_ms(kT0 + 2 * kHour);
  const std::vector<const domain::Ticket*> asked{&mine, &older};
  auto few = repo.reply_facts(asked, now)[0].queue;
  EXPECT_EQ(few.replies_last_7d, 0);
  EXPECT_EQ(few.tickets_ahead, 0) << "no pace yet: not counted";
  EXPECT_EQ(few.active_reply_hours, 0);

  // The team answers 20 other tickets: now there is a pace, and the two older ones are ahead.
  for (std::uint32_t n = 10; n < 30; ++n) {
    const auto answered = t.add_ticket(n, kT0 - 10 * kHour + n);
    ASSERT_TRUE(t.db->tickets().modify(answered.id, agent_reply(agent, kT0 + kHour)));
  }
  const auto both = repo.reply_facts(asked, now);
  ASSERT_EQ(both.size(), 2U);
  EXPECT_EQ(both[0].queue.replies_last_7d, 20);
  EXPECT_EQ(both[0].queue.active_reply_hours, 1) << "all 20 replies went out in one hour";
  EXPECT_EQ(both[0].queue.tickets_ahead, 2) << "answered tickets are not ahead, newer ones neither";
  EXPECT_EQ(both[1].queue.replies_last_7d, 20) << "the pace is the team's, the same for every ticket";
  EXPECT_EQ(both[1].queue.tickets_ahead, 0) << "nothing is older than the oldest";
}

// Each ticket's calendar comes with its facts, read once per policy of the page (by the policy's
// unique name): the service builds the holiday note from it.
TEST(SqlSlaRepositoryQueueTest, EachTicketGetsItsPolicysCalendarAndRevision) {
  TestDatabase t;
  SqlSlaRepository repo(t.db->store());
  const auto first = t.add_ticket(1, kT0);
  const auto second = t.add_ticket(2, kT0 + 1000);
  ASSERT_EQ(first.sla_policy, "标准服务 Standard") << "the default policy planned the ticket";
  auto without = second;
  without.sla_policy.clear();
  const std::vector<const domain::Ticket*> asked{&first, &without, &second};
  const auto facts = repo.reply_facts(asked, core::from_epoch_ms(kT0 + kHour));
  ASSERT_EQ(facts.size(), 3U);
  const auto revision = repo.find_calendar("cn-mainland-2026")->revision;
  EXPECT_EQ(facts[0].calendar, "cn-mainland-2026");
  EXPECT_EQ(facts[0].calendar_revision, revision);
  EXPECT_EQ(facts[1].calendar, "") << "no policy, no calendar";
  EXPECT_EQ(facts[2].calendar, "cn-mainland-2026");
  EXPECT_EQ(facts[2].calendar_revision, revision);
}

}  // namespace
}  // namespace gongdan::storage
