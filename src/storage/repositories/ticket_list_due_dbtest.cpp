// sort=due pages in two parts (ticket_list_query.cpp): tickets with a deadline, soonest first,
// then those without one (paused while pending), by id; cursors cross from one part to the other.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using domain::Priority;
using domain::Status;
using testing::TestDatabase;

constexpr std::int64_t kT0 = 1'764'000'000'000;
constexpr std::int64_t kMinute = 60'000;

domain::TicketDecision set(Status status, Priority priority, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.status = status;
    change.updated.priority = priority;
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    return change;
  };
}

class TicketListDueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Open tickets of mixed priorities (deadlines out of id order) and pending ones (none).
    const Priority priorities[] = {Priority::kLow, Priority::kUrgent, Priority::kNormal, Priority::kHigh,
                                   Priority::kUrgent};
    for (std::uint32_t n = 0; n < 5; ++n) {
      const auto ticket = t.add_ticket(n + 1, kT0 + n * kMinute);
      ASSERT_TRUE(t.db->tickets().modify(ticket.id, set(Status::kOpen, priorities[n], kT0 + 10 * kMinute)));
    }
    for (std::uint32_t n = 5; n < 9; ++n) {
      const auto ticket = t.add_ticket(n + 1, kT0 + n * kMinute);
      ASSERT_TRUE(t.db->tickets().modify(ticket.id, set(Status::kPending, Priority::kNormal, kT0 + 10 * kMinute)));
    }
  }

  // Every page of the due order, `limit` at a time.
  std::vector<domain::Ticket> all_pages(std::vector<Status> statuses, int limit) {
    std::vector<domain::Ticket> out;
    domain::TicketQuery query;
    query.order = domain::TicketQuery::Order::kDue;
    query.statuses = std::move(statuses);
    query.limit = limit;
    for (int guard = 0; guard < 20; ++guard) {
      auto page = t.db->tickets().list(query);
      EXPECT_TRUE(page.ok());
      if (!page) break;
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (!page->next_cursor) break;
      query.cursor = *page->next_cursor;
    }
    return out;
  }

  static void expect_due_order(const std::vector<domain::Ticket>& tickets, std::size_t with_due) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < tickets.size(); ++i) {
      EXPECT_TRUE(seen.insert(tickets[i].id.value).second) << "ticket listed twice";
      EXPECT_EQ(tickets[i].sla_due_at.has_value(), i < with_due) << "position " << i;
      if (i == 0) continue;
      const auto& a = tickets[i - 1];
      const auto& b = tickets[i];
      if (a.sla_due_at && b.sla_due_at) {
        EXPECT_TRUE(*a.sla_due_at < *b.sla_due_at || (*a.sla_due_at == *b.sla_due_at && a.id.value < b.id.value));
      } else if (!a.sla_due_at && !b.sla_due_at) {
        EXPECT_LT(a.id.value, b.id.value);
      }
    }
  }

  TestDatabase t;
};

TEST_F(TicketListDueTest, SeveralStatusesPageThroughDeadlinesThenTheRest) {
  for (const int limit : {1, 2, 3, 5, 20}) {
    const auto tickets = all_pages({Status::kNew, Status::kOpen, Status::kPending}, limit);
    ASSERT_EQ(tickets.size(), 9U) << "limit " << limit;
    expect_due_order(tickets, 5);
  }
}

TEST_F(TicketListDueTest, OneStatusOrNoneUsesTheSameTwoParts) {
  expect_due_order(all_pages({Status::kPending}, 3), 0);
  expect_due_order(all_pages({Status::kOpen}, 2), 5);
  const auto everything = all_pages({}, 4);
  ASSERT_EQ(everything.size(), 9U);
  expect_due_order(everything, 5);
}

}  // namespace
}  // namespace gongdan::storage
