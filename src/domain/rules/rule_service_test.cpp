#include "domain/rules/rule_service.hpp"

#include <gtest/gtest.h>

#include "core/fake_clock.hpp"
#include "domain/testing/in_memory_rules.hpp"
#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;

class RuleServiceTest : public ::testing::Test {
 protected:
  RuleServiceTest() {
    admin_ = make_user("admin@example.com", Role::kAdmin);
    supervisor_ = make_user("boss@example.com", Role::kSupervisor);
    agent_ = make_user("agent@example.com", Role::kAgent);
    customer_ = make_user("li@example.com", Role::kCustomer);
  }

  Actor make_user(const std::string& email, Role role) {
    return Actor{
        users_.create({email, email.substr(0, email.find('@')), role, Locale::kZhCn, "", clock_.now()}).value(),
        std::nullopt};
  }

  static RuleRequest crash_rule() {
    RuleRequest r;
    r.name = "崩溃 → urgent";
    r.event = "created";
    r.keywords = {"闪退", "crash"};
    r.set_priority = "urgent";
    r.add_tags = {"Crash"};
    return r;
  }

  core::FakeClock clock_{core::from_epoch_ms(1'795'000'000'000)};
  testing::InMemoryUsers users_;
  testing::InMemoryCatalog catalog_;
  testing::InMemoryGroups groups_;
  testing::InMemoryRules rules_;
  RuleService service_{rules_, catalog_, users_, groups_};
  Actor admin_, supervisor_, agent_, customer_;
};

TEST_F(RuleServiceTest, AdminsCreateRulesThatAppendInOrder) {
  const auto first = service_.create(admin_, crash_rule());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->actions.add_tags, std::vector<std::string>{"crash"});
  EXPECT_EQ(first->actions.priority, Priority::kUrgent);
  auto second_request = crash_rule();
  second_request.name = "second";
  const auto second = service_.create(admin_, second_request);
  ASSERT_TRUE(second.ok());
  EXPECT_GT(second->position, first->position);
  const auto list = service_.list(supervisor_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ(list->front().name, "崩溃 → urgent");
}

TEST_F(RuleServiceTest, OnlyAdminsWriteAndSupervisorsRead) {
  EXPECT_EQ(service_.create(supervisor_, crash_rule()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.create(agent_, crash_rule()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.create(customer_, crash_rule()).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.create(Actor::anonymous(), crash_rule()).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_.list(agent_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.list(customer_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_.list(admin_).ok());
  const auto id = service_.create(admin_, crash_rule())->id.value;
  EXPECT_EQ(service_.remove(agent_, id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.reorder(supervisor_, {id}).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(RuleServiceTest, UnknownReferencesAreRefusedNamingTheField) {
  auto r = crash_rule();
  r.categories = {99};
  r.set_group_id = 42;
  r.set_assignee_id = customer_.user->id.value;  // a customer is not staff
  const auto refused = service_.create(admin_, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"conditions.categories:unknown_category",
                                              "actions.group_id:unknown_group", "actions.assignee_id:unknown_user"}));
  EXPECT_TRUE(rules_.list().empty());
}

TEST_F(RuleServiceTest, BadInputIsRefused) {
  auto r = crash_rule();
  r.event = "sometimes";
  r.channels = {"fax"};
  r.customers = {"not an address"};
  r.reply = "{{customer.nmae}}您好";
  const auto refused = service_.create(admin_, r);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"event:invalid", "conditions.channels:invalid",
                                              "conditions.customers:invalid", "actions.reply:unknown_placeholder"}));

  RuleRequest nothing;
  nothing.name = "does nothing";
  nothing.event = "created";
  EXPECT_EQ(service_.create(admin_, nothing).error().fields.at(0).field, "actions");
}

TEST_F(RuleServiceTest, ALoopingRuleIsRefusedAndNothingIsSaved) {
  RuleRequest r;
  r.name = "keep urgent";
  r.event = "updated";
  r.priorities = {"urgent"};
  r.set_priority = "urgent";
  r.internal_note = "still urgent";
  const auto refused = service_.create(admin_, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "rule_loop");
  EXPECT_EQ(refused.error().fields.at(0).field, "actions");
  EXPECT_TRUE(rules_.list().empty());

  // Two rules that would flip each other: the second save is refused, the first stays as it was.
  RuleRequest up;
  up.name = "high → urgent";
  up.event = "both";
  up.priorities = {"high"};
  up.set_priority = "urgent";
  ASSERT_TRUE(service_.create(admin_, up).ok());
  RuleRequest down = up;
  down.name = "urgent → high";
  down.priorities = {"urgent"};
  down.set_priority = "high";
  EXPECT_EQ(service_.create(admin_, down).error().reason, "rule_loop");
  down.active = false;  // kept inactive, it cannot fire
  const auto saved = service_.create(admin_, down);
  ASSERT_TRUE(saved.ok());
  down.active = true;
  EXPECT_EQ(service_.update(admin_, saved->id.value, down).error().reason, "rule_loop");
  EXPECT_FALSE(rules_.list().back().active);
}

TEST_F(RuleServiceTest, ReorderNamesEveryRuleOnce) {
  const auto a = service_.create(admin_, crash_rule())->id.value;
  auto second = crash_rule();
  second.name = "b";
  const auto b = service_.create(admin_, second)->id.value;
  const auto reordered = service_.reorder(admin_, {b, a});
  ASSERT_TRUE(reordered.ok());
  EXPECT_EQ(reordered->front().id.value, b);
  EXPECT_EQ(service_.reorder(admin_, {b}).error().fields.at(0).field, "ids");
  EXPECT_EQ(service_.reorder(admin_, {b, b}).error().fields.at(0).field, "ids");
  EXPECT_TRUE(service_.remove(admin_, a).ok());
  EXPECT_EQ(service_.remove(admin_, a).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gongdan::domain
