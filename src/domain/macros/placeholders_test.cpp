#include "domain/macros/placeholders.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

const PlaceholderValues kValues{"王小明", "xm@example.com", "261118-ABCDE7", "收不到验证码", "李娜"};

TEST(PlaceholdersTest, FillsEveryKnownPlaceholder) {
  EXPECT_EQ(render_placeholders("{{customer.name}}您好，工单 #{{ticket.number}}（{{ticket.subject}}）已处理。"
                                "回复至 {{customer.email}}。—— {{agent.name}}",
                                kValues),
            "王小明您好，工单 #261118-ABCDE7（收不到验证码）已处理。回复至 xm@example.com。—— 李娜");
}

TEST(PlaceholdersTest, AllowsSpacesInsideTheBracesAndRepeats) {
  EXPECT_EQ(render_placeholders("Hi {{ customer.name }}, {{customer.name}}!", kValues), "Hi 王小明, 王小明!");
  EXPECT_TRUE(unknown_placeholders("Hi {{ customer.name }}").empty());
}

TEST(PlaceholdersTest, TextWithoutPlaceholdersIsUnchanged) {
  EXPECT_EQ(render_placeholders("", kValues), "");
  EXPECT_EQ(render_placeholders("a { b } c}} d", kValues), "a { b } c}} d");
  EXPECT_TRUE(unknown_placeholders("a { b } c}} d").empty());
}

TEST(PlaceholdersTest, ValuesAreInsertedAsTextAndNeverExpandedAgain) {
  PlaceholderValues tricky = kValues;
  tricky.customer_name = "{{agent.name}} <script>";
  EXPECT_EQ(render_placeholders("Hi {{customer.name}}", tricky), "Hi {{agent.name}} <script>");
}

TEST(PlaceholdersTest, NamesTyposAndUnclosedBracesOnceEach) {
  EXPECT_EQ(unknown_placeholders("{{customer.nmae}} {{ticket.numbr}} {{customer.nmae}} {{}}"),
            (std::vector<std::string>{"{{customer.nmae}}", "{{ticket.numbr}}", "{{}}"}));
  EXPECT_EQ(unknown_placeholders("Hi {{customer.name}}, ref {{ticket.number"),
            (std::vector<std::string>{"{{ticket.number"}));
  EXPECT_EQ(unknown_placeholders("{{Customer.Name}}"), (std::vector<std::string>{"{{Customer.Name}}"}));
}

TEST(PlaceholdersTest, AnUnknownPlaceholderIsLeftAsWritten) {
  EXPECT_EQ(render_placeholders("{{order.id}} / {{ticket.number", kValues), "{{order.id}} / {{ticket.number");
}

TEST(PlaceholdersTest, ReportsALongTypoShortened) {
  const auto unknown = unknown_placeholders("{{" + std::string(500, 'x') + "}}");
  ASSERT_EQ(unknown.size(), 1U);
  EXPECT_EQ(unknown[0].size(), 40U);
}

}  // namespace
}  // namespace gongdan::domain
