#include "storage/repositories/sql_rule_repository.hpp"

#include <gtest/gtest.h>

#include "domain/rules/rule_engine.hpp"
#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::TestDatabase;

core::Status accept(const std::vector<domain::Rule>&) { return core::ok_status(); }

TEST(SqlRuleRepositoryTest, ShipsTheCrashAndDataLossDefaults) {
  TestDatabase t;
  const auto rules = t.db->rules().list();
  ASSERT_EQ(rules.size(), 2U);
  EXPECT_EQ(rules[0].conditions.keywords,
            (std::vector<std::string>{"崩溃", "闪退", "crash", "crashes", "crashed", "crashing"}));
  EXPECT_EQ(rules[0].actions.priority, domain::Priority::kUrgent);
  EXPECT_EQ(rules[0].actions.add_tags, std::vector<std::string>{"crash"});
  EXPECT_EQ(rules[0].trigger, domain::RuleTrigger::kCreated);
  EXPECT_EQ(rules[1].actions.add_tags, std::vector<std::string>{"data-loss"});
  EXPECT_TRUE(domain::keyword_matches("I lost messages after the update", rules[1].conditions.keywords.back()));
}

TEST(SqlRuleRepositoryTest, StoresEveryConditionAndActionAndKeepsOrder) {
  TestDatabase t;
  domain::Rule rule;
  rule.name = "VIP mail";
  rule.trigger = domain::RuleTrigger::kBoth;
  rule.conditions.categories = {core::CategoryId{1}, core::CategoryId{3}};
  rule.conditions.keywords = {"退款", "refund now"};
  rule.conditions.channels = {domain::Channel::kMail};
  rule.conditions.customers = {"@vip.example.com", "li@example.com"};
  rule.conditions.priorities = {domain::Priority::kLow, domain::Priority::kNormal};
  rule.conditions.statuses = {domain::Status::kOpen};
  rule.actions.priority = domain::Priority::kHigh;
  rule.actions.group_id = core::GroupId{1};
  rule.actions.add_tags = {"vip", "退款"};
  rule.actions.internal_note = "VIP: call back\nwithin the hour";
  rule.actions.reply = "{{customer.name}}您好";
  const auto created = t.db->rules().create(rule, accept);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->position, 3);
  EXPECT_EQ(created->conditions.categories, rule.conditions.categories);
  EXPECT_EQ(created->conditions.keywords, rule.conditions.keywords);
  EXPECT_EQ(created->conditions.channels, rule.conditions.channels);
  EXPECT_EQ(created->conditions.customers, rule.conditions.customers);
  EXPECT_EQ(created->conditions.priorities, rule.conditions.priorities);
  EXPECT_EQ(created->conditions.statuses, rule.conditions.statuses);
  EXPECT_EQ(created->actions.priority, domain::Priority::kHigh);
  EXPECT_EQ(created->actions.group_id, core::GroupId{1});
  EXPECT_FALSE(created->actions.group_name.empty());
  EXPECT_EQ(created->actions.add_tags, rule.actions.add_tags);
  EXPECT_EQ(created->actions.internal_note, rule.actions.internal_note);
  EXPECT_EQ(created->actions.reply, rule.actions.reply);

  const auto ids = std::vector<core::RuleId>{created->id, t.db->rules().list()[1].id, t.db->rules().list()[0].id};
  ASSERT_TRUE(t.db->rules().reorder(ids).ok());
  EXPECT_EQ(t.db->rules().list().front().name, "VIP mail");
  EXPECT_FALSE(t.db->rules().reorder({created->id}).ok());

  auto changed = *created;
  changed.active = false;
  changed.actions.group_id.reset();
  ASSERT_TRUE(t.db->rules().update(changed, accept).ok());
  EXPECT_FALSE(t.db->rules().list().front().active);
  EXPECT_FALSE(t.db->rules().list().front().actions.group_id);
  EXPECT_EQ(t.db->rules().list().front().position, 1);
  ASSERT_TRUE(t.db->rules().remove(created->id).ok());
  EXPECT_EQ(t.db->rules().remove(created->id).error().code, core::ErrorCode::kNotFound);
}

TEST(SqlRuleRepositoryTest, ARefusedCheckWritesNothing) {
  TestDatabase t;
  domain::Rule rule;
  rule.name = "refused";
  rule.actions.add_tags = {"x"};
  const auto refuse = [](const std::vector<domain::Rule>& after) -> core::Status {
    EXPECT_EQ(after.size(), 3U);
    return core::Error::field("actions", "rule_loop", "Loop.");
  };
  EXPECT_FALSE(t.db->rules().create(rule, refuse).ok());
  auto first = t.db->rules().list().front();
  first.name = "renamed";
  EXPECT_EQ(t.db->rules()
                .update(first, [](const auto&) -> core::Status { return core::Error::field("a", "b", "c"); })
                .error()
                .fields.at(0)
                .code,
            "b");
  EXPECT_EQ(t.db->rules().list().size(), 2U);
  EXPECT_NE(t.db->rules().list().front().name, "renamed");
}

}  // namespace
}  // namespace gongdan::storage
