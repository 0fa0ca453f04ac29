#include "domain/macros/macro_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_macros.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;

class MacroServiceTest : public ::testing::Test {
 protected:
  MacroServiceTest() {
    customer_ = make_user("xm@example.com", "王小明", Role::kCustomer);
    agent_ = make_user("agent@example.com", "李娜", Role::kAgent);
    other_agent_ = make_user("zhang@example.com", "张伟", Role::kAgent);
    admin_ = make_user("admin@example.com", "管理员", Role::kAdmin);
  }

  Actor make_user(const std::string& email, const std::string& name, Role role) {
    return Actor{users_.create({email, name, role, Locale::kZhCn, "", clock_.now()}).value(), std::nullopt};
  }

  MacroDraft draft(std::string title, std::optional<std::string> scope = std::nullopt) {
    MacroDraft d;
    d.title = std::move(title);
    d.body = "{{customer.name}}您好，工单 {{ticket.number}} 需要您提供日志。—— {{agent.name}}";
    d.status = "pending";
    d.priority = "high";
    d.scope = std::move(scope);
    return d;
  }

  Ticket submit() {
    TicketSubmission s;
    s.category_id = 1;
    s.subject = "收不到验证码";
    s.description = "换手机以后一直收不到短信验证码。";
    return tickets_service_.submit(customer_, s).value();
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::FakeCrypto crypto_;
  testing::InMemoryUsers users_;
  testing::InMemoryTickets tickets_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryBlobs blobs_;
  testing::SignatureDetector detector_;
  testing::InMemoryMacros macros_;
  TicketMails mails_{crypto_, clock_, {}};
  TicketService tickets_service_{tickets_, catalog_, users_, blobs_, detector_, crypto_, clock_, mails_};
  MacroService service_{macros_, tickets_service_, clock_};
  Actor customer_, agent_, other_agent_, admin_;
};

TEST_F(MacroServiceTest, OnlyStaffReachMacros) {
  EXPECT_EQ(service_.list(Actor::anonymous()).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_.list(customer_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.create(customer_, draft("x")).error().code, ErrorCode::kPermissionDenied);
  const auto shared = service_.create(admin_, draft("共享", "shared")).value();
  EXPECT_EQ(service_.update(customer_, shared.id, draft("y")).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.remove(customer_, shared.id).error().code, ErrorCode::kPermissionDenied);
  const auto ticket = submit();
  EXPECT_EQ(service_.apply(customer_, ticket.number.str(), shared.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.preview(customer_, ticket.number.str(), shared.id).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(MacroServiceTest, EachAgentSeesTheSharedMacrosAndTheirOwnByTitle) {
  ASSERT_TRUE(service_.create(admin_, draft("B shared", "shared")));
  ASSERT_TRUE(service_.create(agent_, draft("C mine")));
  ASSERT_TRUE(service_.create(agent_, draft("A mine too", "personal")));
  ASSERT_TRUE(service_.create(other_agent_, draft("Z theirs")));
  std::vector<std::string> titles;
  const auto list = service_.list(agent_).value();
  for (const auto& m : list) titles.push_back(m.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"A mine too", "B shared", "C mine"}));
  EXPECT_EQ(service_.list(admin_)->size(), 1U);  // admins do not see personal macros either
}

TEST_F(MacroServiceTest, AgentsKeepPersonalMacrosAndSupervisorsTheSharedOnes) {
  EXPECT_EQ(service_.create(agent_, draft("共享", "shared")).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.create(agent_, draft("x", "team")).error().fields.at(0).field, "scope");
  const auto shared = service_.create(admin_, draft("共享", "shared")).value();
  EXPECT_TRUE(shared.shared());
  const auto mine = service_.create(agent_, draft("我的")).value();
  EXPECT_EQ(mine.owner, agent_.user->id);

  EXPECT_EQ(service_.update(agent_, shared.id, draft("改")).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.remove(agent_, shared.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.update(admin_, shared.id, draft("改过"))->title, "改过");
  const auto edited = service_.update(agent_, mine.id, draft("我的 2")).value();
  EXPECT_EQ(edited.title, "我的 2");
  EXPECT_EQ(edited.owner, agent_.user->id);
  EXPECT_EQ(service_.update(agent_, mine.id, draft("x", "shared")).error().fields.at(0).field, "scope");
  EXPECT_TRUE(service_.remove(agent_, mine.id));
  EXPECT_EQ(service_.remove(agent_, mine.id).error().code, ErrorCode::kNotFound);
}

TEST_F(MacroServiceTest, AnotherUsersPersonalMacroDoesNotExist) {
  const auto theirs = service_.create(other_agent_, draft("他的")).value();
  const auto ticket = submit();
  for (const auto* actor : {&agent_, &admin_}) {
    EXPECT_EQ(service_.update(*actor, theirs.id, draft("x")).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.remove(*actor, theirs.id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.preview(*actor, ticket.number.str(), theirs.id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.apply(*actor, ticket.number.str(), theirs.id).error().code, ErrorCode::kNotFound);
  }
  EXPECT_EQ(service_.update(agent_, MacroId{999}, draft("x")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(macros_.size(), 1U);
}

TEST_F(MacroServiceTest, ABadDraftIsRefusedAndNothingIsStored) {
  auto d = draft("x");
  d.body = "{{customer.nmae}}您好";
  const auto refused = service_.create(agent_, d);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).code, "unknown_placeholder");
  EXPECT_EQ(macros_.size(), 0U);
}

TEST_F(MacroServiceTest, PreviewFillsThePlaceholdersFromTheTicketAndTheAgent) {
  const auto macro = service_.create(agent_, draft("日志")).value();
  const auto ticket = submit();
  const auto preview = service_.preview(agent_, ticket.number.str(), macro.id).value();
  EXPECT_EQ(preview.body, "王小明您好，工单 " + ticket.number.str() + " 需要您提供日志。—— 李娜");
  EXPECT_EQ(preview.macro.actions.status, Status::kPending);
  EXPECT_FALSE(service_.preview(agent_, "not-a-number", macro.id));
  EXPECT_EQ(tickets_service_.agent_view(agent_, ticket.number.str())->messages.size(), 1U);  // nothing posted
}

TEST_F(MacroServiceTest, ApplyPostsTheReplyAndSetsStatusAndPriorityInOneChange) {
  const auto macro = service_.create(agent_, draft("日志")).value();
  const auto ticket = submit();
  const auto changed = service_.apply(agent_, ticket.number.str(), macro.id).value();
  EXPECT_EQ(changed.ticket.status, Status::kPending);
  EXPECT_EQ(changed.ticket.priority, Priority::kHigh);
  ASSERT_TRUE(changed.message);
  EXPECT_EQ(changed.message->body, "王小明您好，工单 " + ticket.number.str() + " 需要您提供日志。—— 李娜");
  EXPECT_FALSE(changed.message->internal);
  const auto view = tickets_service_.agent_view(agent_, ticket.number.str()).value();
  std::vector<std::string> events;
  for (const auto& e : view.events) events.push_back(std::string(to_string(e.type)) + ":" + e.from + ">" + e.to);
  EXPECT_EQ(events, (std::vector<std::string>{"macro_applied:>日志", "status_changed:new>open",
                                              "status_changed:open>pending", "priority_changed:normal>high"}));
  // One mail: the reply, showing the new status; the customer does not see which macro it was.
  ASSERT_EQ(tickets_.written_effects.size(), 2U);  // confirmation, then the reply
  ASSERT_EQ(tickets_.written_effects[1].mails.size(), 1U);
  EXPECT_EQ(tickets_.written_effects[1].mails[0].kind, MailKind::kAgentReply);
  const auto customer_view = tickets_service_.view(customer_, ticket.number.str()).value();
  for (const auto& e : customer_view.events) EXPECT_NE(e.type, EventType::kMacroApplied);
}

TEST_F(MacroServiceTest, ApplyAddsTheMacrosTagsWithTheReply) {
  auto d = draft("日志");
  d.add_tags = {"Logs", "需要日志"};
  const auto macro = service_.create(agent_, d).value();
  const auto ticket = submit();
  const auto changed = service_.apply(agent_, ticket.number.str(), macro.id).value();
  EXPECT_EQ(changed.ticket.tags, (std::vector<std::string>{"logs", "需要日志"}));
  const auto view = tickets_service_.agent_view(agent_, ticket.number.str()).value();
  std::vector<std::string> tags;
  for (const auto& e : view.events) {
    if (e.type == EventType::kTagAdded) tags.push_back(e.to);
  }
  EXPECT_EQ(tags, (std::vector<std::string>{"logs", "需要日志"}));
}

TEST_F(MacroServiceTest, ApplyOnAClosedTicketChangesNothing) {
  const auto macro = service_.create(agent_, draft("日志")).value();
  const auto ticket = submit();
  ASSERT_TRUE(tickets_service_.agent_update(agent_, ticket.number.str(), {std::string("closed"), std::nullopt}));
  const auto before = tickets_service_.agent_view(agent_, ticket.number.str()).value();
  const auto refused = service_.apply(agent_, ticket.number.str(), macro.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "invalid_transition");
  const auto after = tickets_service_.agent_view(agent_, ticket.number.str()).value();
  EXPECT_EQ(after.messages.size(), before.messages.size());
  EXPECT_EQ(after.events.size(), before.events.size());
  EXPECT_EQ(after.ticket.priority, Priority::kNormal);
}

TEST_F(MacroServiceTest, AnInternalMacroAddsANote) {
  auto d = draft("转二线", "shared");
  d.internal = true;
  d.body = "已转二线，请跟进 {{ticket.number}}";
  d.status.reset();
  const auto macro = service_.create(admin_, d).value();
  const auto ticket = submit();
  const auto changed = service_.apply(agent_, ticket.number.str(), macro.id).value();
  EXPECT_TRUE(changed.message->internal);
  EXPECT_EQ(changed.ticket.status, Status::kNew);  // a note does not take a ticket into work
  EXPECT_EQ(changed.ticket.priority, Priority::kHigh);
  EXPECT_TRUE(tickets_service_.view(customer_, ticket.number.str())->messages.size() == 1U);
}

}  // namespace
}  // namespace gongdan::domain
