#include "storage/repositories/sql_ticket_repository.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using domain::Priority;
using domain::Status;
using domain::TicketQuery;
using testing::TestDatabase;

constexpr std::int64_t kT0 = 1'764'000'000'000;

domain::StoredFile file(const std::string& name) { return {name, "image/png", 1234, std::string(64, 'a')}; }

// Sets status and priority of a ticket the way an agent's decision would.
domain::TicketDecision set_state(Status status, Priority priority, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = status;
    change.updated.priority = priority;
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    return change;
  };
}

std::vector<std::string> numbers(const std::vector<domain::Ticket>& tickets) {
  std::vector<std::string> out;
  for (const auto& ticket : tickets) out.push_back(ticket.number.str());
  return out;
}

// Reads every page of `query`, failing the test on an error.
std::vector<domain::Ticket> all_pages(domain::TicketRepository& tickets, TicketQuery query, int* pages = nullptr) {
  std::vector<domain::Ticket> all;
  for (int page = 1;; ++page) {
    auto result = tickets.list(query);
    EXPECT_TRUE(result.ok());
    if (!result.ok()) break;
    EXPECT_LE(result->items.size(), static_cast<std::size_t>(query.limit));
    all.insert(all.end(), result->items.begin(), result->items.end());
    if (pages != nullptr) *pages = page;
    if (!result->next_cursor) break;
    query.cursor = *result->next_cursor;
  }
  return all;
}

TEST(SqlTicketRepositoryTest, CreatesAGuestTicketWithItsFirstMessageAndFiles) {
  TestDatabase t;
  auto draft = t.draft(1, kT0);
  draft.ticket.occurred_at = core::from_epoch_ms(kT0 - 3'600'000);
  draft.ticket.urgency = domain::Urgency::kUrgent;
  draft.ticket.priority = Priority::kUrgent;
  draft.ticket.subject = "启动就闪退";
  draft.first_message.files = {file("screen.png"), file("log.txt")};
  const auto created = t.db->tickets().create(draft);
  ASSERT_TRUE(created.ok());

  const auto found = t.db->tickets().find_by_number(TestDatabase::number(1));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->subject, "启动就闪退");
  EXPECT_EQ(found->description, "Description 1");
  EXPECT_EQ(found->occurred_at, core::from_epoch_ms(kT0 - 3'600'000));
  EXPECT_EQ(found->environment.os, "Android 14");
  EXPECT_EQ(found->environment.device, "Pixel 8");
  EXPECT_EQ(found->urgency, domain::Urgency::kUrgent);
  EXPECT_EQ(found->priority, Priority::kUrgent);
  EXPECT_EQ(found->status, Status::kNew);
  EXPECT_TRUE(found->customer.guest());
  EXPECT_EQ(found->customer.name, "Guest 1");
  EXPECT_EQ(found->customer.email, "guest1@example.com");
  EXPECT_EQ(found->created_at, core::from_epoch_ms(kT0));
  EXPECT_FALSE(found->resolved_at.has_value());
  EXPECT_EQ(t.db->tickets().find_by_id(created->id)->number, found->number);
  EXPECT_FALSE(t.db->tickets().find_by_id(core::TicketId{999}).has_value());
  EXPECT_FALSE(t.db->tickets().find_by_number(TestDatabase::number(2)).has_value());

  const auto messages = t.db->tickets().messages(created->id, false);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body, "Description 1");
  EXPECT_EQ(messages[0].author.name, "Guest 1");
  EXPECT_FALSE(messages[0].author.user_id.has_value());
  EXPECT_EQ(messages[0].created_at, core::from_epoch_ms(kT0));
  ASSERT_EQ(messages[0].attachments.size(), 2u);
  EXPECT_EQ(messages[0].attachments[0].filename, "screen.png");
  EXPECT_EQ(messages[0].attachments[1].filename, "log.txt");
  EXPECT_EQ(messages[0].attachments[0].message_id, messages[0].id);
  EXPECT_EQ(messages[0].attachments[0].ticket_id, created->id);
}

// A lookup reads fewer columns; those it reads must be the ticket's own, on both engines.
TEST(SqlTicketRepositoryTest, ALookupReadsTheFieldsItAnswersWith) {
  TestDatabase t;
  auto draft = t.draft(1, kT0);
  draft.ticket.priority = Priority::kHigh;
  draft.ticket.first_response_due_at = core::from_epoch_ms(kT0 + 3'600'000);
  const auto created = t.db->tickets().create(draft);
  ASSERT_TRUE(created.ok());

  const auto full = t.db->tickets().find_by_number(TestDatabase::number(1));
  const auto lookup = t.db->tickets().find_for_lookup(TestDatabase::number(1));
  ASSERT_TRUE(full.has_value());
  ASSERT_TRUE(lookup.has_value());
  EXPECT_EQ(lookup->id, full->id);
  EXPECT_EQ(lookup->number, full->number);
  EXPECT_EQ(lookup->status, full->status);
  EXPECT_EQ(lookup->priority, Priority::kHigh);
  EXPECT_EQ(lookup->customer.email, "guest1@example.com");
  EXPECT_EQ(lookup->created_at, full->created_at);
  EXPECT_EQ(lookup->updated_at, full->updated_at);
  EXPECT_EQ(lookup->group_id, full->group_id);
  EXPECT_EQ(lookup->merged_into_id, full->merged_into_id);
  EXPECT_EQ(lookup->first_response_due_at, full->first_response_due_at);
  EXPECT_EQ(lookup->next_response_due_at, full->next_response_due_at);
  EXPECT_EQ(lookup->sla_policy, full->sla_policy);
  EXPECT_TRUE(lookup->subject.empty());  // not read: a lookup never shows it
  EXPECT_FALSE(t.db->tickets().find_for_lookup(TestDatabase::number(2)).has_value());
}

TEST(SqlTicketRepositoryTest, ARegisteredCustomersNameAndEmailComeFromTheirAccount) {
  TestDatabase t;
  const auto user = t.add_user("zhang@example.com", domain::Role::kCustomer, "张伟");
  auto draft = t.draft(1, kT0, user);
  draft.ticket.customer.name = "stale name";
  const auto created = t.db->tickets().create(draft);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->customer.user_id, user.id);
  EXPECT_EQ(created->customer.name, "张伟");
  EXPECT_EQ(created->customer.email, "zhang@example.com");
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM tickets WHERE guest_email IS NULL AND guest_name IS NULL"), 1);
}

TEST(SqlTicketRepositoryTest, ARepeatedIdempotencyKeyReturnsTheFirstTicketAndWritesNothing) {
  TestDatabase t;
  auto first = t.draft(1, kT0);
  first.idempotency = domain::IdempotencyKey{"guest:guest1@example.com", "key-1"};
  const auto created = t.db->tickets().create(first);
  ASSERT_TRUE(created.ok());

  auto retry = t.draft(2, kT0 + 1000);  // a retry draws a new number; it must not be used
  retry.idempotency = first.idempotency;
  const auto again = t.db->tickets().create(retry);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, created->id);
  EXPECT_EQ(again->number, TestDatabase::number(1));
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM tickets"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM messages"), 1);

  // The same key in another scope is another caller's key.
  auto other = t.draft(3, kT0);
  other.idempotency = domain::IdempotencyKey{"guest:someone@example.com", "key-1"};
  const auto third = t.db->tickets().create(other);
  ASSERT_TRUE(third.ok());
  EXPECT_NE(third->id, created->id);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM tickets"), 2);
}

TEST(SqlTicketRepositoryTest, ATakenNumberIsAConflictAndWritesNothing) {
  TestDatabase t;
  ASSERT_TRUE(t.db->tickets().create(t.draft(1, kT0)).ok());
  auto duplicate = t.draft(1, kT0 + 5);
  duplicate.idempotency = domain::IdempotencyKey{"guest:x@example.com", "k"};
  const auto refused = t.db->tickets().create(duplicate);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(refused.error().reason, "number_taken");
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM tickets"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM messages"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM idempotency_keys"), 0);
}

TEST(SqlTicketRepositoryTest, AnUnknownCategoryIsRefused) {
  TestDatabase t;
  auto draft = t.draft(1, kT0);
  draft.ticket.category_id = core::CategoryId{4242};
  EXPECT_FALSE(t.db->tickets().create(draft).ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM tickets"), 0);
}

TEST(SqlTicketRepositoryTest, ModifyAppliesFieldsMessageFilesAndEventsTogether) {
  TestDatabase t;
  const auto agent = t.add_user("agent@example.com", domain::Role::kAgent, "客服小王");
  const auto ticket = t.add_ticket(1, kT0);
  const auto changed = t.db->tickets().modify(ticket.id, [&](const domain::Ticket& current) {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = Status::kResolved;
    change.updated.priority = Priority::kHigh;
    change.updated.updated_at = core::from_epoch_ms(kT0 + 60'000);
    change.updated.resolved_at = change.updated.updated_at;
    change.updated.subject = "an attempt to rewrite history";
    change.message =
        domain::NewMessage{{agent.id, agent.name, agent.role}, "已修复，请更新到 8.0.2。", false, {file("fix.png")}};
    change.events = {{domain::EventType::kStatusChanged, "new", "resolved", {agent.id, agent.name, agent.role}},
                     {domain::EventType::kPriorityChanged, "normal", "high", {agent.id, agent.name, agent.role}}};
    return core::Result<domain::TicketChange>(change);
  });
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->ticket.status, Status::kResolved);
  EXPECT_EQ(changed->ticket.priority, Priority::kHigh);
  EXPECT_EQ(changed->ticket.updated_at, core::from_epoch_ms(kT0 + 60'000));
  EXPECT_EQ(changed->ticket.resolved_at, core::from_epoch_ms(kT0 + 60'000));
  EXPECT_EQ(changed->ticket.subject, "Subject 1");  // subjects never change
  ASSERT_TRUE(changed->message.has_value());
  EXPECT_GT(changed->message->id.value, 0);
  EXPECT_EQ(changed->message->created_at, core::from_epoch_ms(kT0 + 60'000));
  ASSERT_EQ(changed->message->attachments.size(), 1u);
  EXPECT_GT(changed->message->attachments[0].id.value, 0);

  const auto messages = t.db->tickets().messages(ticket.id, false);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].id, changed->message->id);
  EXPECT_EQ(messages[1].author.role, domain::Role::kAgent);
  EXPECT_EQ(messages[1].author.user_id, agent.id);
  EXPECT_EQ(messages[1].attachments.size(), 1u);

  const auto events = t.db->tickets().events(ticket.id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, domain::EventType::kStatusChanged);
  EXPECT_EQ(events[0].from, "new");
  EXPECT_EQ(events[0].to, "resolved");
  EXPECT_EQ(events[0].author.name, "客服小王");
  EXPECT_EQ(events[1].type, domain::EventType::kPriorityChanged);
  EXPECT_EQ(events[1].created_at, core::from_epoch_ms(kT0 + 60'000));
}

TEST(SqlTicketRepositoryTest, ADecisionThatFailsWritesNothing) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  const auto refused =
      t.db->tickets().modify(ticket.id, [](const domain::Ticket&) -> core::Result<domain::TicketChange> {
        return core::Error::conflict("invalid_transition", "Closed is final.");
      });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "invalid_transition");

  const auto thrown =
      t.db->tickets().modify(ticket.id, [](const domain::Ticket&) -> core::Result<domain::TicketChange> {
        throw std::logic_error("a bug in a decision");
      });
  ASSERT_FALSE(thrown.ok());
  EXPECT_EQ(thrown.error().code, core::ErrorCode::kUnavailable);

  const auto after = t.db->tickets().find_by_id(ticket.id);
  EXPECT_EQ(after->status, Status::kNew);
  EXPECT_EQ(after->updated_at, ticket.updated_at);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM messages"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_events"), 0);
}

TEST(SqlTicketRepositoryTest, AChangeThatFailsHalfwayWritesNothing) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  // The message is valid, the event's author does not exist: the foreign key fails after the
  // ticket row and the message were written, and all of it must be rolled back.
  const auto failed = t.db->tickets().modify(ticket.id, [](const domain::Ticket& current) {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = Status::kOpen;
    change.updated.updated_at = core::from_epoch_ms(kT0 + 1);
    change.message = domain::NewMessage{{std::nullopt, "Guest 1", domain::Role::kCustomer}, "more", false, {}};
    change.events = {
        {domain::EventType::kStatusChanged, "new", "open", {core::UserId{999}, "ghost", domain::Role::kAgent}}};
    return core::Result<domain::TicketChange>(change);
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(t.db->tickets().find_by_id(ticket.id)->status, Status::kNew);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM messages"), 1);
}

TEST(SqlTicketRepositoryTest, ModifyOfAMissingTicketIsNotFound) {
  TestDatabase t;
  bool asked = false;
  const auto missing = t.db->tickets().modify(core::TicketId{5}, [&](const domain::Ticket& current) {
    asked = true;
    return core::Result<domain::TicketChange>(domain::TicketChange{current, std::nullopt, {}});
  });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(asked);
}

TEST(SqlTicketRepositoryTest, ConcurrentModificationsLoseNoUpdate) {
  TestDatabase t;
  const auto ticket = t.add_ticket(1, kT0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j) {
        // Each decision appends to what it reads: lost updates would show as a short count.
        const auto changed = t.db->tickets().modify(ticket.id, [](const domain::Ticket& current) {
          domain::TicketChange change{current, std::nullopt, {}};
          change.updated.updated_at = current.updated_at + std::chrono::milliseconds{1};
          return core::Result<domain::TicketChange>(change);
        });
        EXPECT_TRUE(changed.ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(t.db->tickets().find_by_id(ticket.id)->updated_at, core::from_epoch_ms(kT0 + 80));
}

TEST(SqlTicketRepositoryTest, InternalNotesAndTheirFilesAreStaffOnly) {
  TestDatabase t;
  const auto agent = t.add_user("agent@example.com", domain::Role::kAgent, "Agent");
  auto draft = t.draft(1, kT0);
  draft.first_message.files = {file("public.png")};
  const auto ticket = t.db->tickets().create(draft).value();
  const auto note = t.db->tickets().modify(ticket.id, [&](const domain::Ticket& current) {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.updated_at = core::from_epoch_ms(kT0 + 10);
    change.message =
        domain::NewMessage{{agent.id, agent.name, agent.role}, "VIP customer", true, {file("internal.png")}};
    return core::Result<domain::TicketChange>(change);
  });
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(note->message->internal);
  EXPECT_TRUE(note->message->attachments.at(0).internal);

  const auto customer_view = t.db->tickets().messages(ticket.id, false);
  ASSERT_EQ(customer_view.size(), 1u);
  EXPECT_FALSE(customer_view[0].internal);
  ASSERT_EQ(customer_view[0].attachments.size(), 1u);
  EXPECT_FALSE(customer_view[0].attachments[0].internal);

  const auto staff_view = t.db->tickets().messages(ticket.id, true);
  ASSERT_EQ(staff_view.size(), 2u);
  EXPECT_TRUE(staff_view[1].internal);
  ASSERT_EQ(staff_view[1].attachments.size(), 1u);
  EXPECT_TRUE(staff_view[1].attachments[0].internal);

  const auto hidden = t.db->tickets().find_attachment(note->message->attachments[0].id);
  ASSERT_TRUE(hidden.has_value());
  EXPECT_TRUE(hidden->internal);
  EXPECT_EQ(hidden->ticket_id, ticket.id);
  EXPECT_EQ(hidden->message_id, note->message->id);
  EXPECT_EQ(hidden->filename, "internal.png");
  EXPECT_EQ(hidden->content_type, "image/png");
  EXPECT_EQ(hidden->size, 1234);
  EXPECT_EQ(hidden->storage_key, std::string(64, 'a'));
  const auto visible = t.db->tickets().find_attachment(customer_view[0].attachments[0].id);
  ASSERT_TRUE(visible.has_value());
  EXPECT_FALSE(visible->internal);
  EXPECT_FALSE(t.db->tickets().find_attachment(core::AttachmentId{999}).has_value());
}

TEST(SqlTicketRepositoryTest, ListsMyTicketsByRecentActivity) {
  TestDatabase t;
  const auto me = t.add_user("me@example.com");
  const auto other = t.add_user("other@example.com");
  const auto a = t.add_ticket(1, kT0, me);
  const auto b = t.add_ticket(2, kT0 + 10, me);
  t.add_ticket(3, kT0 + 20, other);
  t.add_ticket(4, kT0 + 30);
  const auto c = t.add_ticket(5, kT0 + 40, me);
  ASSERT_TRUE(t.db->tickets().modify(a.id, set_state(Status::kOpen, Priority::kNormal, kT0 + 100)).ok());

  TicketQuery query;
  query.customer = me.id;
  const auto page = t.db->tickets().list(query);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(numbers(page->items), numbers({*t.db->tickets().find_by_id(a.id), c, b}));
  EXPECT_FALSE(page->next_cursor.has_value());
}

// A customer's list reads no staff columns: the same tickets, with those fields left empty.
TEST(SqlTicketRepositoryTest, ACustomersListLeavesOutWhatOnlyStaffSee) {
  TestDatabase t;
  const auto me = t.add_user("me@example.com");
  const auto agent = t.add_user("agent@example.com", domain::Role::kAgent, "客服小王");
  const auto ticket = t.add_ticket(1, kT0, me);
  ASSERT_TRUE(t.db->tickets()
                  .modify(ticket.id,
                          [&](const domain::Ticket& current) {
                            domain::TicketChange change{current, std::nullopt, {}};
                            change.updated.assignee_id = agent.id;
                            change.updated.tags = {"vip"};
                            change.updated.updated_at = core::from_epoch_ms(kT0 + 100);
                            return core::Result<domain::TicketChange>(change);
                          })
                  .ok());

  TicketQuery query;
  query.customer = me.id;
  const auto staff = t.db->tickets().list(query);
  query.for_customer = true;
  const auto customer = t.db->tickets().list(query);
  ASSERT_TRUE(staff.ok());
  ASSERT_TRUE(customer.ok());
  ASSERT_EQ(staff->items.size(), 1u);
  ASSERT_EQ(customer->items.size(), 1u);
  const domain::Ticket& full = staff->items[0];
  const domain::Ticket& mine = customer->items[0];
  EXPECT_EQ(full.tags, std::vector<std::string>{"vip"});
  EXPECT_EQ(full.assignee_name, "客服小王");
  EXPECT_TRUE(mine.tags.empty());
  EXPECT_TRUE(mine.assignee_name.empty());
  EXPECT_TRUE(mine.group_name.empty());
  EXPECT_TRUE(mine.merged_into_number.empty());
  // Everything a customer is shown, and what reply_by reads, is the ticket's own.
  EXPECT_EQ(mine.id, full.id);
  EXPECT_EQ(mine.number, full.number);
  EXPECT_EQ(mine.subject, full.subject);
  EXPECT_EQ(mine.description, full.description);
  EXPECT_EQ(mine.environment.os, full.environment.os);
  EXPECT_EQ(mine.status, full.status);
  EXPECT_EQ(mine.priority, full.priority);
  EXPECT_EQ(mine.urgency, full.urgency);
  EXPECT_EQ(mine.customer.email, full.customer.email);
  EXPECT_EQ(mine.customer.name, full.customer.name);
  EXPECT_EQ(mine.created_at, full.created_at);
  EXPECT_EQ(mine.updated_at, full.updated_at);
  EXPECT_EQ(mine.group_id, full.group_id);
  EXPECT_EQ(mine.assignee_id, full.assignee_id);
  EXPECT_EQ(mine.first_response_due_at, full.first_response_due_at);
  EXPECT_EQ(mine.next_response_due_at, full.next_response_due_at);
  EXPECT_EQ(mine.sla_policy, full.sla_policy);
}

TEST(SqlTicketRepositoryTest, ListsTheQueueUrgentFirstThenOldestFirst) {
  TestDatabase t;
  const auto old_normal = t.add_ticket(1, kT0);
  const auto new_urgent = t.add_ticket(2, kT0 + 10);
  const auto old_urgent = t.add_ticket(3, kT0 + 5);
  const auto low = t.add_ticket(4, kT0 - 100);
  ASSERT_TRUE(t.db->tickets().modify(new_urgent.id, set_state(Status::kOpen, Priority::kUrgent, kT0 + 50)).ok());
  ASSERT_TRUE(t.db->tickets().modify(old_urgent.id, set_state(Status::kOpen, Priority::kUrgent, kT0 + 60)).ok());
  ASSERT_TRUE(t.db->tickets().modify(low.id, set_state(Status::kPending, Priority::kLow, kT0 + 70)).ok());

  TicketQuery query;
  query.order = TicketQuery::Order::kQueue;
  auto page = t.db->tickets().list(query);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(numbers(page->items), numbers({old_urgent, new_urgent, old_normal, low}));

  query.statuses = {Status::kOpen, Status::kPending};
  page = t.db->tickets().list(query);
  EXPECT_EQ(numbers(page->items), numbers({old_urgent, new_urgent, low}));

  query.statuses = {};
  query.priorities = {Priority::kLow, Priority::kNormal};
  page = t.db->tickets().list(query);
  EXPECT_EQ(numbers(page->items), numbers({old_normal, low}));

  query.priorities = {Priority::kHigh};
  page = t.db->tickets().list(query);
  EXPECT_TRUE(page->items.empty());
}

// Text is a full-text search of words (search_index_writer_test.cpp has the rest): wildcard
// characters of SQL are punctuation like any other, never patterns.
TEST(SqlTicketRepositoryTest, TextFindsWordsOfNumberSubjectOrEmail) {
  TestDatabase t;
  const auto user = t.add_user("Chen.Jing@Example.com");
  auto percent = t.draft(1, kT0);
  percent.ticket.subject = "充值 100% 没到账";
  auto underscore = t.draft(2, kT0 + 1);
  underscore.ticket.subject = "file_name too long";
  auto plain = t.draft(3, kT0 + 2, user);
  plain.ticket.subject = "100 messages lost; filename shown";
  auto backslash = t.draft(4, kT0 + 3);
  backslash.ticket.subject = R"(path C:\temp fails)";
  for (const auto& draft : {percent, underscore, plain, backslash}) ASSERT_TRUE(t.db->tickets().create(draft).ok());

  auto search = [&](const std::string& text) {
    TicketQuery query;
    query.order = TicketQuery::Order::kQueue;
    query.text = text;
    auto page = t.db->tickets().list(query);
    EXPECT_TRUE(page.ok());
    std::set<std::string> found;
    for (const auto& ticket : page->items) found.insert(ticket.subject);
    return found;
  };
  using Found = std::set<std::string>;
  EXPECT_EQ(search("100%"), (Found{"充值 100% 没到账", "100 messages lost; filename shown"}));
  EXPECT_EQ(search("%").size(), 0u);
  EXPECT_EQ(search("file_name"), Found{"file_name too long"});
  EXPECT_EQ(search("_").size(), 0u);
  EXPECT_EQ(search(R"(C:\temp)"), Found{R"(path C:\temp fails)"});
  EXPECT_EQ(search("没到账"), Found{"充值 100% 没到账"});
  EXPECT_EQ(search("MESSAGES"), Found{"100 messages lost; filename shown"});    // ASCII case is ignored
  EXPECT_EQ(search("chen.jing@"), Found{"100 messages lost; filename shown"});  // a customer's email
  EXPECT_EQ(search("GUEST2@example"), Found{"file_name too long"});             // a guest's email
  EXPECT_EQ(search("  file_name  "), Found{"file_name too long"});              // trimmed
  EXPECT_EQ(search("nothing like this").size(), 0u);

  const std::string number = TestDatabase::number(4).str();
  EXPECT_EQ(search(number), Found{R"(path C:\temp fails)"});
  std::string lower_without_dash;
  for (const char c : number) {
    if (c != '-') lower_without_dash.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  EXPECT_EQ(search(lower_without_dash), Found{R"(path C:\temp fails)"});
  EXPECT_EQ(search("261125-").size(), 4u);  // part of a number
}

TEST(SqlTicketRepositoryTest, PagesCoverEveryTicketOnceInBothOrders) {
  TestDatabase t;
  std::set<std::int64_t> ids;
  // Many equal timestamps and priorities: the id must break ties for pagination to be exact.
  for (std::uint32_t n = 0; n < 47; ++n) {
    const auto ticket = t.add_ticket(n, kT0 + (n % 5) * 1000);
    ids.insert(ticket.id.value);
    if (n % 3 == 0) {
      const auto priority = static_cast<Priority>(n % 4);
      ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_state(Status::kOpen, priority, kT0 + (n % 7) * 1000)).ok());
    }
  }
  for (const auto order : {TicketQuery::Order::kRecentActivity, TicketQuery::Order::kQueue}) {
    TicketQuery query;
    query.order = order;
    query.limit = 6;
    int pages = 0;
    const auto all = all_pages(t.db->tickets(), query, &pages);
    EXPECT_EQ(pages, 8);
    ASSERT_EQ(all.size(), ids.size());
    std::set<std::int64_t> seen;
    for (const auto& ticket : all) seen.insert(ticket.id.value);
    EXPECT_EQ(seen, ids);

    // The pages, joined, are exactly the one-page listing.
    query.limit = 100;
    const auto whole = t.db->tickets().list(query);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(numbers(all), numbers(whole->items));
    EXPECT_FALSE(whole->next_cursor.has_value());
  }
}

// Ties in every order's keys are broken by id, the same way on every engine (PostgreSQL has no
// rowid order to fall back on), for one status and for several (a UNION ALL of arms).
TEST(SqlTicketRepositoryTest, TiesAreOrderedByIdOnEveryEngine) {
  TestDatabase t;
  std::vector<std::int64_t> ids;
  for (std::uint32_t n = 0; n < 7; ++n) {
    auto draft = t.draft(n, kT0);
    draft.ticket.last_customer_message_at = draft.ticket.created_at;  // as every submission sets it
    auto created = t.db->tickets().create(draft);
    ASSERT_TRUE(created.ok());
    ids.push_back(created->id.value);
  }
  // Two become open at one instant: still equal in every key but status.
  for (const auto i : {2, 5}) {
    ASSERT_TRUE(t.db->tickets().modify(core::TicketId{ids[static_cast<std::size_t>(i)]},
                                       set_state(Status::kOpen, Priority::kNormal, kT0)));
  }
  const std::vector<std::int64_t> ascending = ids;
  const std::vector<std::int64_t> descending(ids.rbegin(), ids.rend());
  const std::vector<std::pair<TicketQuery::Order, std::vector<std::int64_t>>> orders{
      {TicketQuery::Order::kQueue, ascending},
      {TicketQuery::Order::kAge, ascending},
      {TicketQuery::Order::kDue, ascending},
      {TicketQuery::Order::kRecentActivity, descending},
      {TicketQuery::Order::kLastCustomerMessage, descending},
  };
  for (const auto& [order, expected] : orders) {
    for (const bool arms : {false, true}) {
      TicketQuery query;
      query.order = order;
      query.limit = 2;
      if (arms) query.statuses = {Status::kNew, Status::kOpen};
      std::vector<std::int64_t> found;
      for (const auto& ticket : all_pages(t.db->tickets(), query)) found.push_back(ticket.id.value);
      EXPECT_EQ(found, expected) << "order " << static_cast<int>(order) << (arms ? ", two statuses" : "");
    }
  }
}

// Emails are stored lower-case (the domain folds them) and compared exactly on both engines: a
// customer's tickets are found by the address in any case the domain hands over folded, and the
// search finds the address typed in capitals.
TEST(SqlTicketRepositoryTest, CustomersAreFoundByTheirEmailWhateverItsCase) {
  TestDatabase t;
  const auto alice = t.add_user("Alice.Chen@Example.COM", domain::Role::kCustomer, "陈爱丽");
  EXPECT_EQ(alice.email, "alice.chen@example.com");
  const auto registered = t.add_ticket(1, kT0, alice);
  auto guest_draft = t.draft(2, kT0 + 1);
  guest_draft.ticket.customer.email = "alice.chen@example.com";  // a guest ticket of the same address
  const auto guest = t.db->tickets().create(guest_draft);
  ASSERT_TRUE(guest.ok());
  t.add_ticket(3, kT0 + 2);  // someone else's

  const auto stored = t.db->tickets().find_by_id(registered.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->customer.email, "alice.chen@example.com");

  TicketQuery by_email;
  by_email.customer_email = "alice.chen@example.com";
  std::set<std::int64_t> found;
  for (const auto& ticket : all_pages(t.db->tickets(), by_email)) found.insert(ticket.id.value);
  EXPECT_EQ(found, (std::set<std::int64_t>{registered.id.value, guest->id.value}));
  EXPECT_EQ(t.db->tickets().count(by_email), 2);
  by_email.customer_email = "Alice.Chen@Example.COM";  // never folded by storage itself
  EXPECT_EQ(t.db->tickets().count(by_email), 0);

  TicketQuery search;
  search.text = "ALICE.CHEN@EXAMPLE.COM";
  found.clear();
  for (const auto& ticket : all_pages(t.db->tickets(), search)) found.insert(ticket.id.value);
  EXPECT_EQ(found, (std::set<std::int64_t>{registered.id.value, guest->id.value}));
}

// Arrivals in two processes at once (PostgreSQL; on SQLite two processes on one file) assign as
// one process would: the group row is locked while a ticket picks its agent, so round robin never
// gives two arrivals the same turn and least-load never sends two to the same idle agent.
TEST(SqlTicketRepositoryTest, ArrivalsInTwoProcessesAtOnceShareTheWorkEvenly) {
  for (const auto mode : {domain::AssignmentMode::kRoundRobin, domain::AssignmentMode::kLeastLoad}) {
    TestDatabase t;
    std::vector<core::UserId> agents;
    for (const auto* email : {"a1@example.com", "a2@example.com", "a3@example.com"}) {
      agents.push_back(t.add_user(email, domain::Role::kAgent, "Agent").id);
    }
    const auto group = t.db->groups().create({"Mobile", mode, agents});
    ASSERT_TRUE(group.ok());
    auto second = t.open_again();
    constexpr std::uint32_t kEach = 15;
    std::atomic<int> failed{0};
    const auto arrive = [&](Database& db, std::uint32_t first) {
      for (std::uint32_t n = first; n < first + kEach; ++n) {
        auto draft = t.draft(n, kT0 + n);
        draft.ticket.group_id = group->id;
        draft.auto_assign = true;
        if (!db.tickets().create(draft).ok()) ++failed;
      }
    };
    std::thread one([&] { arrive(*t.db, 1); });
    std::thread two([&] { arrive(*second, 100); });
    one.join();
    two.join();
    ASSERT_EQ(failed.load(), 0);
    // In the order the tickets were stored (ids are drawn after the pick), the agents take turns:
    // two arrivals deciding on the same state would give one agent two tickets in a row.
    std::vector<std::int64_t> turns;
    auto read = t.db->store().read([&](sql::Connection& db) {
      auto rows = db.prepare("SELECT assignee_user_id FROM tickets ORDER BY id");
      while (rows.step()) turns.push_back(rows.int64(0));
      return turns.size();
    });
    ASSERT_TRUE(read.ok());
    ASSERT_EQ(turns.size(), 2 * kEach);
    for (std::size_t i = 0; i < turns.size(); ++i) {
      EXPECT_EQ(turns[i], turns[i % agents.size()]) << domain::to_string(mode) << ", ticket " << i;
    }
    EXPECT_EQ(std::set<std::int64_t>(turns.begin(), turns.begin() + 3).size(), 3U) << domain::to_string(mode);
  }
}

// A submission retried while the first is still being stored, by another process (PostgreSQL:
// both pass the checks before either commits, and one INSERT then fails on the unique key): the
// answers are those of one process — the first ticket for the same idempotency key,
// `number_taken` for the same number without one — never a bare conflict.
TEST(SqlTicketRepositoryTest, TwoProcessesStoringTheSameSubmissionAtOnceAnswerAsOne) {
  TestDatabase t;
  auto second = t.open_again();
  for (std::uint32_t round = 0; round < 8; ++round) {
    auto keyed = t.draft(100 + round, kT0 + round);
    keyed.idempotency = domain::IdempotencyKey{"guest:x@example.com", "key-" + std::to_string(round)};
    std::optional<core::Result<domain::Ticket>> a;
    std::optional<core::Result<domain::Ticket>> b;
    std::thread one([&] { a.emplace(t.db->tickets().create(keyed)); });
    std::thread two([&] { b.emplace(second->tickets().create(keyed)); });
    one.join();
    two.join();
    ASSERT_TRUE(a->ok() && b->ok()) << (a->ok() ? b->error().message : a->error().message);
    EXPECT_EQ((*a)->id, (*b)->id) << "round " << round;

    const auto plain = t.draft(200 + round, kT0 + round);
    std::optional<core::Result<domain::Ticket>> c;
    std::optional<core::Result<domain::Ticket>> d;
    std::thread three([&] { c.emplace(t.db->tickets().create(plain)); });
    std::thread four([&] { d.emplace(second->tickets().create(plain)); });
    three.join();
    four.join();
    EXPECT_NE(c->ok(), d->ok()) << "round " << round;
    const auto& refused = c->ok() ? *d : *c;
    if (!refused.ok()) {
      EXPECT_EQ(refused.error().reason, "number_taken") << "round " << round;
    }
  }
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM tickets"), 16);
}

TEST(SqlTicketRepositoryTest, SeveralStatusesPageInTheSameOrderAsAllTicketsFiltered) {
  TestDatabase t;
  const std::array statuses{Status::kNew, Status::kOpen, Status::kPending, Status::kClosed};
  for (std::uint32_t n = 0; n < 40; ++n) {
    const auto ticket = t.add_ticket(n, kT0 + (n % 6) * 1000);
    const auto priority = static_cast<Priority>(n % 4);
    ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_state(statuses[n % 4], priority, kT0 + (n % 5) * 1000)).ok());
  }
  for (const auto order : {TicketQuery::Order::kRecentActivity, TicketQuery::Order::kQueue}) {
    TicketQuery everything;
    everything.order = order;
    everything.limit = 100;
    std::vector<std::string> expected;
    const auto whole = t.db->tickets().list(everything);
    ASSERT_TRUE(whole.ok());
    for (const auto& ticket : whole->items) {
      if (ticket.status != Status::kClosed) expected.push_back(ticket.number.str());
    }
    TicketQuery open;
    open.order = order;
    open.statuses = {Status::kPending, Status::kNew, Status::kOpen};
    open.limit = 7;
    EXPECT_EQ(numbers(all_pages(t.db->tickets(), open)), expected);
  }
}

TEST(SqlTicketRepositoryTest, PagesHonourFilters) {
  TestDatabase t;
  const auto me = t.add_user("me@example.com");
  for (std::uint32_t n = 0; n < 25; ++n) {
    const auto ticket = t.add_ticket(n, kT0 + n, n % 2 == 0 ? std::optional(me) : std::nullopt);
    if (n % 4 == 0) {
      ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_state(Status::kClosed, Priority::kLow, kT0 + 99)).ok());
    }
  }
  TicketQuery query;
  query.customer = me.id;
  query.statuses = {Status::kNew};
  query.limit = 2;
  const auto all = all_pages(t.db->tickets(), query);
  ASSERT_EQ(all.size(), 6u);  // 13 of mine, 7 of them closed
  for (const auto& ticket : all) {
    EXPECT_EQ(ticket.customer.user_id, me.id);
    EXPECT_EQ(ticket.status, Status::kNew);
  }
}

TEST(SqlTicketRepositoryTest, AForeignOrDamagedCursorIsInvalid) {
  TestDatabase t;
  for (std::uint32_t n = 0; n < 3; ++n) t.add_ticket(n, kT0 + n);
  TicketQuery query;
  query.limit = 1;
  const auto first = t.db->tickets().list(query);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->next_cursor.has_value());

  auto expect_invalid = [&](TicketQuery bad) {
    const auto result = t.db->tickets().list(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::kInvalid);
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0].field, "cursor");
    EXPECT_EQ(result.error().fields[0].code, "invalid");
  };
  for (const std::string& cursor :
       std::vector<std::string>{"garbage!", "bm90IGEgY3Vyc29y", "x", std::string(300, 'A')}) {
    TicketQuery bad = query;
    bad.cursor = cursor;
    expect_invalid(bad);
  }
  TicketQuery other_order = query;
  other_order.order = TicketQuery::Order::kQueue;
  other_order.cursor = *first->next_cursor;
  expect_invalid(other_order);
  TicketQuery truncated = query;
  truncated.cursor = first->next_cursor->substr(0, first->next_cursor->size() - 2);
  expect_invalid(truncated);
}

TEST(SqlTicketRepositoryTest, ActiveTicketsOfACustomerNewestFirst) {
  TestDatabase t;
  const auto me = t.add_user("me@example.com");
  const auto older = t.add_ticket(1, kT0, me);
  const auto resolved = t.add_ticket(2, kT0 + 1, me);
  const auto newer = t.add_ticket(3, kT0 + 2, me);
  t.add_ticket(4, kT0 + 3);
  ASSERT_TRUE(t.db->tickets().modify(resolved.id, set_state(Status::kResolved, Priority::kNormal, kT0 + 9)).ok());
  ASSERT_TRUE(t.db->tickets().modify(older.id, set_state(Status::kPending, Priority::kNormal, kT0 + 9)).ok());
  EXPECT_EQ(numbers(t.db->tickets().active_tickets_of(me.id, 10)), numbers({newer, older}));
  EXPECT_EQ(t.db->tickets().active_tickets_of(me.id, 1).size(), 1u);
}

}  // namespace
}  // namespace gongdan::storage
