// Rules as the ticket use cases run them: inside the submission's or update's own change.
#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/rules/rule_service.hpp"
#include "domain/testing/in_memory_rules.hpp"
#include "domain/testing/in_memory_stores.hpp"
#include "domain/tickets/ticket_service.hpp"

namespace gongdan::domain {
namespace {

class TicketRulesTest : public ::testing::Test {
 protected:
  TicketRulesTest() {
    owner_ = make_user("owner@example.com", Role::kCustomer);
    agent_ = make_user("agent@example.com", Role::kAgent);
    admin_ = make_user("admin@example.com", Role::kAdmin);
    (void)groups_.add_member(core::GroupId{1}, agent_.user->id);
  }

  Actor make_user(const std::string& email, Role role) {
    return Actor{
        users_.create({email, email.substr(0, email.find('@')), role, Locale::kZhCn, "", clock_.now()}).value(),
        std::nullopt};
  }

  TicketSubmission submission(std::string subject, std::string description = "详细描述") {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = std::move(subject);
    s.description = std::move(description);
    return s;
  }

  void add_rule(RuleRequest request) { ASSERT_TRUE(rule_service_.create(admin_, request).ok()); }

  static RuleRequest crash_rule() {
    RuleRequest r;
    r.name = "崩溃 → urgent";
    r.event = "created";
    r.keywords = {"闪退", "crash"};
    r.set_priority = "urgent";
    r.add_tags = {"crash"};
    return r;
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryGroups groups_;
  testing::InMemoryBlobs blobs_;
  testing::InMemoryRules rules_;
  testing::SignatureDetector detector_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService service_{tickets_, catalog_, users_, blobs_,  detector_, crypto_,
                         clock_,   mails_,   {},     nullptr, &groups_,  &rules_};
  RuleService rule_service_{rules_, catalog_, users_, groups_};
  Actor owner_, agent_, admin_;
};

TEST_F(TicketRulesTest, ACrashReportArrivesUrgentTaggedAndIsPromisedTheUrgentReplyTime) {
  add_rule(crash_rule());
  const auto ticket = service_.submit(owner_, submission("应用闪退"));
  ASSERT_TRUE(ticket.ok());
  EXPECT_EQ(ticket->priority, Priority::kUrgent);
  EXPECT_EQ(ticket->tags, std::vector<std::string>{"crash"});
  const auto events = tickets_.events(ticket->id);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].type, EventType::kRuleApplied);
  ASSERT_EQ(tickets_.written_effects.size(), 1U);
  const auto& confirmation = tickets_.written_effects[0].mails.at(0);
  EXPECT_EQ(confirmation.kind, MailKind::kTicketConfirmation);

  const auto plain = service_.submit(owner_, submission("收不到验证码"));
  EXPECT_EQ(plain->priority, Priority::kNormal);
  EXPECT_TRUE(tickets_.events(plain->id).empty());
}

TEST_F(TicketRulesTest, ACannedReplyIsPublicAndMailedTheNoteIsNot) {
  auto r = crash_rule();
  r.internal_note = "检查崩溃日志";
  r.reply = "{{customer.name}}您好，工单 {{ticket.number}} 已加急处理。";
  add_rule(r);
  const auto ticket = service_.submit(owner_, submission("crash on start"));
  ASSERT_TRUE(ticket.ok());
  const auto all = tickets_.messages(ticket->id, true);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_TRUE(all[1].internal);
  EXPECT_FALSE(all[1].author.user_id);
  EXPECT_EQ(all[2].body, "owner您好，工单 " + ticket->number.str() + " 已加急处理。");
  EXPECT_EQ(tickets_.messages(ticket->id, false).size(), 2U);
  ASSERT_EQ(tickets_.written_effects.size(), 1U);
  ASSERT_EQ(tickets_.written_effects[0].mails.size(), 2U);
  EXPECT_EQ(tickets_.written_effects[0].mails[1].kind, MailKind::kAgentReply);
}

TEST_F(TicketRulesTest, UpdateRulesRunOnCommentsAndAgentChangesButNotOnTheirOwnChanges) {
  RuleRequest r;
  r.name = "still crashing";
  r.event = "updated";
  r.keywords = {"闪退"};
  r.set_priority = "high";
  r.internal_note = "客户补充了闪退信息";
  add_rule(r);
  const auto ticket = service_.submit(owner_, submission("收不到验证码"));
  ASSERT_EQ(ticket->priority, Priority::kNormal);  // the rule runs on updates only
  const auto commented = service_.comment(owner_, ticket->number.str(), {"现在还闪退了", false, {}});
  ASSERT_TRUE(commented.ok());
  EXPECT_EQ(commented->ticket.priority, Priority::kHigh);
  EXPECT_EQ(tickets_.messages(ticket->id, true).size(), 3U);  // description, comment, note

  // The agent's change runs the rules again; keywords look in subject and description, not older comments.
  TicketUpdate low;
  low.priority = "low";
  const auto updated = service_.agent_update(agent_, ticket->number.str(), low);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->priority, Priority::kLow);  // the comment's 闪退 is not in subject or description
  EXPECT_EQ(tickets_.messages(ticket->id, true).size(), 3U);
}

}  // namespace
}  // namespace gongdan::domain
