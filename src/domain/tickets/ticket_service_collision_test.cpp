// Collision detection and live announcements of TicketService: a reply on a ticket that changed
// since the agent's page showed it is refused until confirmed; every committed change is announced.
#include <gtest/gtest.h>

#include <vector>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_stores.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::domain {
namespace {

using namespace std::chrono_literals;

/// Records what was published, in order.
class RecordingPublisher final : public ActivityPublisher {
 public:
  void publish(const TicketActivity& activity) override { published.push_back(activity); }
  std::vector<TicketActivity> published;
};

class TicketCollisionTest : public ::testing::Test {
 protected:
  TicketCollisionTest() {
    customer_ = make_user("owner@example.com", Role::kCustomer);
    agent_ = make_user("wangfang@example.com", Role::kAgent);
    other_agent_ = make_user("lilei@example.com", Role::kAgent);
    service_.set_activity_publisher(&publisher_);
  }

  Actor make_user(const std::string& email, Role role) {
    return Actor{
        users_.create({email, email.substr(0, email.find('@')), role, Locale::kZhCn, "", clock_.now()}).value(),
        std::nullopt};
  }

  Ticket submit() {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = "收不到验证码";
    s.description = "换手机以后一直收不到短信验证码。";
    return service_.submit(customer_, s).value();
  }

  static MessageSubmission reply(std::string body, std::optional<std::string> seen, bool confirm = false) {
    MessageSubmission m;
    m.body = std::move(body);
    m.seen_updated_at = std::move(seen);
    m.confirm = confirm;
    return m;
  }

  std::size_t message_count(const Ticket& ticket) { return tickets_.messages(ticket.id, true).size(); }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryBlobs blobs_;
  testing::SignatureDetector detector_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService service_{tickets_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  RecordingPublisher publisher_;
  Actor customer_, agent_, other_agent_;
};

TEST_F(TicketCollisionTest, AReplyOnTheTicketAsShownGoesThrough) {
  const auto ticket = submit();
  clock_.advance(1min);
  const auto sent =
      service_.agent_reply(agent_, ticket.number.str(), reply("您好", core::format_rfc3339(ticket.updated_at)));
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(message_count(ticket), 2U);
}

TEST_F(TicketCollisionTest, AReplyAfterSomeoneElseRepliedIsRefusedAndWritesNothing) {
  const auto ticket = submit();
  const auto seen = core::format_rfc3339(ticket.updated_at);
  clock_.advance(1min);
  ASSERT_TRUE(service_.agent_reply(other_agent_, ticket.number.str(), reply("我来处理", seen)));
  clock_.advance(1min);
  const auto published = publisher_.published.size();
  const auto refused = service_.agent_reply(agent_, ticket.number.str(), reply("您好", seen));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(refused.error().reason, "ticket_changed");
  EXPECT_EQ(message_count(ticket), 2U);
  EXPECT_EQ(publisher_.published.size(), published);  // nothing committed, nothing announced

  const auto confirmed = service_.agent_reply(agent_, ticket.number.str(), reply("您好", seen, /*confirm=*/true));
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(message_count(ticket), 3U);
}

TEST_F(TicketCollisionTest, ACustomerMessageOrStatusChangeCountsAsAChange) {
  const auto ticket = submit();
  const auto seen = core::format_rfc3339(ticket.updated_at);
  clock_.advance(1s);
  ASSERT_TRUE(service_.comment(customer_, ticket.number.str(), {"补充：是 iPhone 15", false, {}}));
  EXPECT_EQ(service_.agent_reply(agent_, ticket.number.str(), reply("您好", seen)).error().reason, "ticket_changed");
  const auto now = core::format_rfc3339(service_.agent_view(agent_, ticket.number.str())->ticket.updated_at);
  clock_.advance(1s);
  ASSERT_TRUE(service_.agent_update(other_agent_, ticket.number.str(), {"pending", std::nullopt}));
  EXPECT_EQ(service_.agent_reply(agent_, ticket.number.str(), reply("您好", now)).error().reason, "ticket_changed");
}

TEST_F(TicketCollisionTest, WithoutSeenUpdatedAtNoCheckIsMade) {
  const auto ticket = submit();
  clock_.advance(1min);
  ASSERT_TRUE(service_.agent_reply(other_agent_, ticket.number.str(), reply("我来处理", std::nullopt)));
  EXPECT_TRUE(service_.agent_reply(agent_, ticket.number.str(), reply("您好", std::nullopt)));
}

TEST_F(TicketCollisionTest, ASeenTimeInAnyOffsetIsTheSameMoment) {
  const auto ticket = submit();
  // 2026-11-18T...Z written in +08:00 names the same instant: not a change.
  const auto shown = core::format_rfc3339(ticket.updated_at + 8h);
  const auto in_beijing = shown.substr(0, shown.size() - 1) + "+08:00";
  EXPECT_TRUE(service_.agent_reply(agent_, ticket.number.str(), reply("您好", in_beijing)));
}

TEST_F(TicketCollisionTest, AMalformedSeenTimeIsAFieldError) {
  const auto ticket = submit();
  const auto refused = service_.agent_reply(agent_, ticket.number.str(), reply("您好", "yesterday"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "seen_updated_at");
  EXPECT_EQ(message_count(ticket), 1U);
}

TEST_F(TicketCollisionTest, EveryCommittedChangeIsAnnouncedWithTheTicketAfterIt) {
  const auto ticket = submit();
  const auto number = ticket.number.str();
  clock_.advance(1s);
  ASSERT_TRUE(service_.agent_reply(agent_, number, reply("内部：查网关", std::nullopt)));
  auto note = reply("内部：查网关", std::nullopt);
  note.internal = true;
  ASSERT_TRUE(service_.agent_reply(agent_, number, note));
  ASSERT_TRUE(service_.comment(customer_, number, {"好的", false, {}}));
  ASSERT_TRUE(service_.agent_update(agent_, number, {"resolved", "high"}));
  ASSERT_TRUE(service_.reopen(customer_, number));
  ASSERT_TRUE(service_.close(customer_, number));
  // Refused changes announce nothing.
  EXPECT_FALSE(service_.reopen(customer_, number));

  const auto& p = publisher_.published;
  ASSERT_EQ(p.size(), 7U);
  std::vector<std::string> kinds;
  for (const auto& a : p) kinds.emplace_back(to_string(a.kind));
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"created", "message", "message", "message", "updated", "updated", "updated"}));
  EXPECT_EQ(p[0].number, number);
  EXPECT_EQ(p[0].ticket_id, ticket.id);
  EXPECT_EQ(p[0].status, Status::kNew);
  EXPECT_FALSE(p[1].internal);
  EXPECT_EQ(p[1].status, Status::kOpen);
  EXPECT_TRUE(p[2].internal);
  EXPECT_EQ(p[4].status, Status::kResolved);
  EXPECT_EQ(p[4].priority, Priority::kHigh);
  EXPECT_EQ(p[6].status, Status::kClosed);
  EXPECT_EQ(p[1].updated_at, clock_.now());
  // Where the ticket is after the change, so that listeners can apply the group rules.
  EXPECT_EQ(p[0].group_id, ticket.group_id);
  EXPECT_EQ(p[0].assignee_id, ticket.assignee_id);
}

}  // namespace
}  // namespace gongdan::domain
