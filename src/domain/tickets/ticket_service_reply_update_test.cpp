#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/agents/ticket_tags.hpp"
#include "domain/testing/in_memory_stores.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::domain {
namespace {

// "Reply and set pending": an agent's reply may also set status and priority, in its own transaction.
class ReplyUpdateTest : public ::testing::Test {
 protected:
  ReplyUpdateTest() {
    customer_ = Actor{users_.create({"c@example.com", "c", Role::kCustomer, Locale::kZhCn, "", clock_.now()}).value(),
                      std::nullopt};
    agent_ = Actor{users_.create({"a@example.com", "a", Role::kAgent, Locale::kZhCn, "", clock_.now()}).value(),
                   std::nullopt};
    TicketSubmission s;
    s.category_id = 1;
    s.subject = "闪退";
    s.description = "打开群聊就闪退";
    number_ = service_.submit(customer_, s)->number.str();
  }

  MessageSubmission reply(std::string body, bool internal, std::optional<std::string> status,
                          std::optional<std::string> priority = std::nullopt) {
    MessageSubmission m;
    m.body = std::move(body);
    m.internal = internal;
    m.update.status = std::move(status);
    m.update.priority = std::move(priority);
    return m;
  }

  std::size_t messages() { return service_.agent_view(agent_, number_)->messages.size(); }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryBlobs blobs_;
  testing::SignatureDetector detector_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService service_{tickets_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  Actor customer_, agent_;
  std::string number_;
};

TEST_F(ReplyUpdateTest, AReplyCanSetPendingAndPriorityAtOnce) {
  const auto changed = service_.agent_reply(agent_, number_, reply("请提供日志", false, "pending", "urgent")).value();
  EXPECT_EQ(changed.ticket.status, Status::kPending);
  EXPECT_EQ(changed.ticket.priority, Priority::kUrgent);
  EXPECT_EQ(tickets_.written_effects.back().mails.at(0).kind, MailKind::kAgentReply);
  EXPECT_EQ(tickets_.written_effects.back().mails.size(), 1U);
}

TEST_F(ReplyUpdateTest, ANoteThatResolvesMailsTheStatusChange) {
  const auto changed = service_.agent_reply(agent_, number_, reply("已修复", true, "resolved")).value();
  EXPECT_EQ(changed.ticket.status, Status::kResolved);
  EXPECT_EQ(tickets_.written_effects.back().mails.at(0).kind, MailKind::kStatusChanged);
}

TEST_F(ReplyUpdateTest, BadValuesAreFieldErrorsAndWriteNothing) {
  const auto refused = service_.agent_reply(agent_, number_, reply("x", false, "waiting", "asap"));
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().fields.size(), 2U);
  EXPECT_EQ(refused.error().fields[0].field, "status");
  EXPECT_EQ(refused.error().fields[1].field, "priority");
  EXPECT_EQ(messages(), 1U);
}

TEST_F(ReplyUpdateTest, AReplyCanAddTags) {
  auto m = reply("已转技术", false, std::nullopt);
  m.update.add_tags = {"Crash", "闪退", "crash"};
  const auto changed = service_.agent_reply(agent_, number_, m).value();
  EXPECT_EQ(changed.ticket.tags, (std::vector<std::string>{"crash", "闪退"}));
  m.update.add_tags = {"two words"};
  EXPECT_EQ(service_.agent_reply(agent_, number_, m).error().fields.at(0).field, "add_tags");
  m.update.add_tags.assign(kMaxTagsPerTicket + 1, "t");
  EXPECT_EQ(service_.agent_reply(agent_, number_, m).error().fields.at(0).code, "too_many");
  EXPECT_EQ(messages(), 2U);
}

TEST_F(ReplyUpdateTest, AgentUpdateRulesHold) {
  // Back to new is refused, and the reply with it.
  EXPECT_EQ(service_.agent_reply(agent_, number_, reply("x", false, "new")).error().reason, "invalid_transition");
  EXPECT_EQ(messages(), 1U);
  ASSERT_TRUE(service_.agent_reply(agent_, number_, reply("关闭", false, "closed")));
  EXPECT_EQ(service_.agent_reply(agent_, number_, reply("x", false, std::nullopt, "high")).error().reason,
            "invalid_transition");
  EXPECT_EQ(messages(), 2U);
}

}  // namespace
}  // namespace gongdan::domain
