#include "domain/rules/rule_engine.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

Ticket ticket(std::string subject, std::string description = "") {
  Ticket t;
  t.category_id = core::CategoryId{1};
  t.subject = std::move(subject);
  t.description = std::move(description);
  t.customer = {core::UserId{7}, "王小明", "Wang@Example.com", Locale::kZhCn};
  t.number = TicketNumber::make({2026, 11, 18}, {1, 2, 3, 4, 5});
  t.group_id = core::GroupId{1};
  t.group_name = "First line";
  return t;
}

Rule rule(std::int64_t id, std::string name, RuleConditions conditions, RuleActions actions,
          RuleTrigger trigger = RuleTrigger::kCreated) {
  Rule r;
  r.id = core::RuleId{id};
  r.name = std::move(name);
  r.position = static_cast<int>(id);
  r.trigger = trigger;
  r.conditions = std::move(conditions);
  r.actions = std::move(actions);
  return r;
}

RuleActions urgent_and_tag(std::string tag) {
  RuleActions a;
  a.priority = Priority::kUrgent;
  a.add_tags = {std::move(tag)};
  return a;
}

const std::vector<Rule> kDefaults = {
    rule(1, "崩溃/闪退 → urgent", {.keywords = {"崩溃", "闪退", "crash", "crashes", "crashed", "crashing"}},
         urgent_and_tag("crash")),
    rule(2, "数据丢失 → urgent",
         {.keywords = {"数据丢失", "丢失数据", "聊天记录丢失", "data loss", "lost data", "lost messages"}},
         urgent_and_tag("data-loss")),
};

TEST(KeywordMatches, ChineseMatchesInsideASentenceWithoutSpaces) {
  EXPECT_TRUE(keyword_matches("应用闪退了，打不开", "闪退"));
  EXPECT_TRUE(keyword_matches("升级后聊天记录丢失", "聊天记录丢失"));
  EXPECT_FALSE(keyword_matches("应用很慢", "闪退"));
}

TEST(KeywordMatches, LatinWordsMatchWholeWordsIgnoringCase) {
  EXPECT_TRUE(keyword_matches("The app CRASHES on start", "crashes"));
  EXPECT_TRUE(keyword_matches("crash!", "crash"));
  EXPECT_TRUE(keyword_matches("应用crash了", "crash"));
  EXPECT_TRUE(keyword_matches("we saw Data Loss twice", "data loss"));
  EXPECT_FALSE(keyword_matches("crashpad uploads", "crash"));
  EXPECT_FALSE(keyword_matches("a car-crashing game", "crash"));
  EXPECT_FALSE(keyword_matches("metadata loss", "data loss"));
  EXPECT_FALSE(keyword_matches("anything", ""));
}

TEST(ApplyRules, TheDefaultsRaiseACrashReportToUrgentAndTagIt) {
  auto t = ticket("应用闪退", "打开就闪退");
  const auto effects = apply_rules(kDefaults, RuleTrigger::kCreated, t, rule_text(t));
  EXPECT_EQ(t.priority, Priority::kUrgent);
  EXPECT_EQ(t.tags, std::vector<std::string>{"crash"});
  ASSERT_EQ(effects.events.size(), 3U);
  EXPECT_EQ(effects.events[0].type, EventType::kRuleApplied);
  EXPECT_EQ(effects.events[0].to, "崩溃/闪退 → urgent");
  EXPECT_FALSE(effects.events[0].author.user_id);
  EXPECT_EQ(effects.events[0].author.name, "自动规则 Automation");
  EXPECT_EQ(effects.events[1].type, EventType::kPriorityChanged);
  EXPECT_EQ(effects.events[1].to, "urgent");
  EXPECT_EQ(effects.events[2].type, EventType::kTagAdded);
}

TEST(ApplyRules, EnglishCrashAndDataLossBothApplyInOrder) {
  auto t = ticket("The app crashes and I lost messages");
  const auto effects = apply_rules(kDefaults, RuleTrigger::kCreated, t, rule_text(t));
  EXPECT_EQ(t.priority, Priority::kUrgent);
  EXPECT_EQ(t.tags, (std::vector<std::string>{"crash", "data-loss"}));
  // The second rule finds the priority already urgent: only its tag changes.
  ASSERT_EQ(effects.events.size(), 5U);
  EXPECT_EQ(effects.events[3].to, "数据丢失 → urgent");
  EXPECT_EQ(effects.events[4].to, "data-loss");
}

TEST(ApplyRules, NothingMatchesNothingChanges) {
  auto t = ticket("收不到验证码", "crashpad 日志");
  const auto before = t.priority;
  EXPECT_TRUE(apply_rules(kDefaults, RuleTrigger::kCreated, t, rule_text(t)).empty());
  EXPECT_EQ(t.priority, before);
}

TEST(ApplyRules, OnlyRulesOfTheTriggerAndActiveOnesRun) {
  auto rules = kDefaults;
  auto t = ticket("应用闪退");
  EXPECT_TRUE(apply_rules(rules, RuleTrigger::kUpdated, t, rule_text(t)).empty());
  rules[0].active = false;
  EXPECT_TRUE(apply_rules(rules, RuleTrigger::kCreated, t, rule_text(t)).empty());
  rules[0].active = true;
  rules[0].trigger = RuleTrigger::kBoth;
  EXPECT_FALSE(apply_rules(rules, RuleTrigger::kUpdated, t, rule_text(t)).empty());
}

TEST(ApplyRules, LaterRulesSeeEarlierChangesAndOrderDecides) {
  RuleActions high;
  high.priority = Priority::kHigh;
  RuleActions note;
  note.internal_note = "urgent ticket: call the customer";
  std::vector<Rule> rules = {rule(1, "raise", {.categories = {core::CategoryId{1}}}, high),
                             rule(2, "note urgent", {.priorities = {Priority::kUrgent}}, note),
                             rule(3, "urgent", {.categories = {core::CategoryId{1}}}, urgent_and_tag("vip"))};
  auto t = ticket("hello");
  auto effects = apply_rules(rules, RuleTrigger::kCreated, t, rule_text(t));
  // The note rule runs before anything made the ticket urgent.
  EXPECT_EQ(t.priority, Priority::kUrgent);
  EXPECT_TRUE(effects.messages.empty());

  rules[2].position = 0;  // now "urgent" runs first, so the note rule matches; "raise" runs last
  rules[0].position = 5;
  t = ticket("hello");
  effects = apply_rules(rules, RuleTrigger::kCreated, t, rule_text(t));
  EXPECT_EQ(t.priority, Priority::kHigh);
  ASSERT_EQ(effects.messages.size(), 1U);
  EXPECT_TRUE(effects.messages[0].internal);
}

TEST(ApplyRules, ConditionsOnChannelCustomerAndStatus) {
  RuleActions tag;
  tag.add_tags = {"partner"};
  const std::vector<Rule> rules = {
      rule(1, "partner mail", {.channels = {Channel::kMail}, .customers = {"@example.com"}}, tag)};
  auto t = ticket("hi");
  EXPECT_TRUE(apply_rules(rules, RuleTrigger::kCreated, t, rule_text(t)).empty());
  t.channel = Channel::kMail;
  EXPECT_FALSE(apply_rules(rules, RuleTrigger::kCreated, t, rule_text(t)).empty());

  auto other = ticket("hi");
  other.channel = Channel::kMail;
  other.customer.email = "li@notexample.com";
  EXPECT_TRUE(apply_rules(rules, RuleTrigger::kCreated, other, rule_text(other)).empty());

  const std::vector<Rule> by_address = {
      rule(1, "one", {.customers = {"wang@example.com"}, .statuses = {Status::kOpen}}, tag, RuleTrigger::kUpdated)};
  auto open = ticket("hi");
  EXPECT_TRUE(apply_rules(by_address, RuleTrigger::kUpdated, open, rule_text(open)).empty());
  open.status = Status::kOpen;
  EXPECT_FALSE(apply_rules(by_address, RuleTrigger::kUpdated, open, rule_text(open)).empty());
}

TEST(ApplyRules, RoutesAssignsAndRepliesWithPlaceholders) {
  RuleActions a;
  a.group_id = core::GroupId{2};
  a.group_name = "Payments";
  a.assignee_id = core::UserId{9};
  a.assignee_name = "Li";
  a.reply = "{{customer.name}}您好，工单 {{ticket.number}} 已转给支付组。{{unknown}}";
  const std::vector<Rule> rules = {rule(1, "payments", {.keywords = {"退款"}}, a)};
  auto t = ticket("申请退款");
  const auto effects = apply_rules(rules, RuleTrigger::kCreated, t, rule_text(t));
  EXPECT_EQ(t.group_id, core::GroupId{2});
  EXPECT_EQ(t.group_name, "Payments");
  EXPECT_EQ(t.assignee_id, core::UserId{9});
  ASSERT_NE(effects.reply(), nullptr);
  EXPECT_EQ(effects.reply()->body, "王小明您好，工单 " + t.number.str() + " 已转给支付组。{{unknown}}");
  EXPECT_EQ(effects.events[1].type, EventType::kGroupChanged);
  EXPECT_EQ(effects.events[1].from, "First line");
  EXPECT_EQ(effects.events[2].type, EventType::kAssigneeChanged);
}

TEST(ApplyRules, KeywordsAlsoLookInTheTriggeringMessage) {
  const std::vector<Rule> rules = {
      rule(1, "crash", {.keywords = {"闪退"}}, urgent_and_tag("crash"), RuleTrigger::kUpdated)};
  auto t = ticket("收不到验证码");
  EXPECT_TRUE(apply_rules(rules, RuleTrigger::kUpdated, t, rule_text(t, "还有一个问题")).empty());
  EXPECT_FALSE(apply_rules(rules, RuleTrigger::kUpdated, t, rule_text(t, "现在还闪退了")).empty());
}

// Rules share the macros' placeholders (domain/macros/placeholders_test.cpp renders them).
TEST(Placeholders, UnknownOnesAreNamed) {
  EXPECT_TRUE(unknown_placeholders("{{ customer.name }} {{ticket.number}} {{ticket.subject}}").empty());
  EXPECT_EQ(unknown_placeholders("{{customer.nmae}} {{x}} {{customer.nmae}} {{open"),
            (std::vector<std::string>{"{{customer.nmae}}", "{{x}}", "{{open"}));
}

TEST(FindRuleLoop, ARuleThatKeepsItsOwnPriorityConditionTrueOnUpdatesIsALoop) {
  RuleActions urgent;
  urgent.priority = Priority::kUrgent;
  urgent.internal_note = "escalated";
  auto self =
      rule(1, "keep urgent", {.priorities = {Priority::kHigh, Priority::kUrgent}}, urgent, RuleTrigger::kUpdated);
  EXPECT_EQ(find_rule_loop({self}), (std::vector<std::string>{"keep urgent"}));
  // On new tickets only it runs once per ticket: no loop.
  self.trigger = RuleTrigger::kCreated;
  EXPECT_FALSE(find_rule_loop({self}));
  // Setting a priority its condition does not accept ends the chain.
  self.trigger = RuleTrigger::kBoth;
  self.conditions.priorities = {Priority::kHigh};
  EXPECT_FALSE(find_rule_loop({self}));
  self.active = false;
  self.conditions.priorities = {Priority::kUrgent};
  EXPECT_FALSE(find_rule_loop({self}));
}

TEST(FindRuleLoop, TwoRulesFlippingEachOtherAreALoop) {
  RuleActions to_urgent;
  to_urgent.priority = Priority::kUrgent;
  RuleActions to_high;
  to_high.priority = Priority::kHigh;
  RuleActions to_low;
  to_low.priority = Priority::kLow;
  const auto a = rule(1, "high → urgent", {.priorities = {Priority::kHigh}}, to_urgent, RuleTrigger::kUpdated);
  const auto b = rule(2, "urgent → high", {.priorities = {Priority::kUrgent}}, to_high, RuleTrigger::kBoth);
  const auto c = rule(3, "urgent → low", {.priorities = {Priority::kUrgent}}, to_low, RuleTrigger::kUpdated);
  EXPECT_EQ(find_rule_loop({a, b}), (std::vector<std::string>{"high → urgent", "urgent → high"}));
  EXPECT_FALSE(find_rule_loop({a, c}));  // a chain that ends is no loop
  EXPECT_FALSE(find_rule_loop(kDefaults));
}

}  // namespace
}  // namespace gongdan::domain
