#include "domain/macros/macro.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

MacroDraft draft() {
  MacroDraft d;
  d.title = "  请提供日志  ";
  d.body = "{{customer.name}}您好，请在 App 里导出日志并回复本邮件。";
  d.status = "pending";
  d.priority = "high";
  d.add_tags = {"Logs", "需要日志", "logs"};
  return d;
}

std::vector<std::string> fields_of(const core::Error& error) {
  std::vector<std::string> out;
  for (const auto& f : error.fields) out.push_back(f.field + ":" + f.code);
  return out;
}

TEST(MacroTest, AValidDraftIsTrimmedNormalizedAndDeduplicated) {
  const auto macro = check_macro_draft(draft(), {}).value();
  EXPECT_EQ(macro.title, "请提供日志");
  EXPECT_EQ(macro.actions.status, Status::kPending);
  EXPECT_EQ(macro.actions.priority, Priority::kHigh);
  EXPECT_EQ(macro.actions.add_tags, (std::vector<std::string>{"logs", "需要日志"}));
  EXPECT_FALSE(macro.internal);
}

TEST(MacroTest, EveryBadFieldIsNamed) {
  MacroDraft d;
  d.title = std::string(101, 'x');
  d.body = "";
  d.status = "waiting";
  d.priority = "asap";
  d.add_tags = {"ok", "two words", "a,b", std::string(41, 't'), "　"};
  const auto result = check_macro_draft(d, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(
      fields_of(result.error()),
      (std::vector<std::string>{"title:too_long", "body:required", "actions.status:invalid", "actions.priority:invalid",
                                "actions.add_tags[1]:invalid", "actions.add_tags[2]:invalid",
                                "actions.add_tags[3]:invalid", "actions.add_tags[4]:invalid"}));
}

TEST(MacroTest, TheBodyFollowsTheReplyLimit) {
  auto d = draft();
  d.body = std::string(11, 'x');
  EXPECT_EQ(fields_of(check_macro_draft(d, MacroLimits{10}).error()), (std::vector<std::string>{"body:too_long"}));
  EXPECT_TRUE(check_macro_draft(d, MacroLimits{11}));
}

TEST(MacroTest, UnknownPlaceholdersAreRefusedWithTheirNames) {
  auto d = draft();
  d.body = "{{customer.nmae}}您好，工单 {{ticket.number}}";
  const auto result = check_macro_draft(d, {});
  ASSERT_FALSE(result);
  ASSERT_EQ(result.error().fields.size(), 1U);
  EXPECT_EQ(result.error().fields[0].field, "body");
  EXPECT_EQ(result.error().fields[0].code, "unknown_placeholder");
  EXPECT_NE(result.error().fields[0].message.find("{{customer.nmae}}"), std::string::npos);
}

TEST(MacroTest, AtMostTenTags) {
  auto d = draft();
  d.add_tags.assign(11, "t");
  EXPECT_EQ(fields_of(check_macro_draft(d, {}).error()), (std::vector<std::string>{"actions.add_tags:too_many"}));
  d.add_tags.assign(10, "t");
  EXPECT_EQ(check_macro_draft(d, {})->actions.add_tags, (std::vector<std::string>{"t"}));
}

TEST(MacroTest, ScopesHaveWireNames) {
  EXPECT_EQ(parse_macro_scope("shared"), MacroScope::kShared);
  EXPECT_EQ(parse_macro_scope("personal"), MacroScope::kPersonal);
  EXPECT_EQ(parse_macro_scope("team"), std::nullopt);
  EXPECT_EQ(to_string(MacroScope::kShared), "shared");
}

}  // namespace
}  // namespace gongdan::domain
