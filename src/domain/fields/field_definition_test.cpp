#include "domain/fields/field_definition.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

FieldDefinition dropdown() {
  FieldDefinition d;
  d.id = core::FieldId{1};
  d.category_id = core::CategoryId{1};
  d.key = "sign_in_method";
  d.label_zh = "登录方式";
  d.label_en = "Sign-in method";
  d.type = FieldType::kDropdown;
  d.options = {{"phone", "手机号", "Phone number"}, {"wechat", "微信", "WeChat"}};
  return d;
}

std::vector<std::string> fields_of(const std::vector<core::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

TEST(FieldDefinitionTest, TypesHaveStableWireNames) {
  for (auto type : {FieldType::kText, FieldType::kNumber, FieldType::kDropdown, FieldType::kCheckbox, FieldType::kDate})
    EXPECT_EQ(parse_field_type(to_string(type)), type);
  EXPECT_EQ(to_string(FieldType::kCheckbox), "checkbox");
  EXPECT_FALSE(parse_field_type("Text").has_value());
  EXPECT_FALSE(parse_field_type("").has_value());
}

TEST(FieldDefinitionTest, KeysAreShortLowerCaseWireNames) {
  EXPECT_TRUE(is_field_key("phone"));
  EXPECT_TRUE(is_field_key("order_id_2"));
  EXPECT_TRUE(is_field_key(std::string(40, 'a')));
  EXPECT_FALSE(is_field_key(std::string(41, 'a')));
  EXPECT_FALSE(is_field_key(""));
  EXPECT_FALSE(is_field_key("2fa"));
  EXPECT_FALSE(is_field_key("_x"));
  EXPECT_FALSE(is_field_key("Phone"));
  EXPECT_FALSE(is_field_key("phone-number"));
  EXPECT_FALSE(is_field_key("手机"));
}

TEST(FieldDefinitionTest, AValidDropdownPasses) { EXPECT_TRUE(check_definition(dropdown(), {}).empty()); }

TEST(FieldDefinitionTest, KeysAreUniquePerCategoryAmongActiveAndInactiveFields) {
  auto other = dropdown();
  other.id = core::FieldId{2};
  other.active = false;
  EXPECT_EQ(fields_of(check_definition(dropdown(), {other})), std::vector<std::string>{"key:taken"});
  // The definition itself is among its siblings when it is updated.
  EXPECT_TRUE(check_definition(dropdown(), {dropdown()}).empty());
}

TEST(FieldDefinitionTest, ADropdownNeedsOptionsWithUniqueValuesAndBothLabels) {
  auto d = dropdown();
  d.options.clear();
  EXPECT_EQ(fields_of(check_definition(d, {})), std::vector<std::string>{"options:required"});
  d.options = {{"phone", "手机号", ""}, {"phone", "重复", "Again"}, {"Bad Value", "x", "x"}};
  EXPECT_EQ(
      fields_of(check_definition(d, {})),
      (std::vector<std::string>{"options[0].label_en:required", "options[1].value:taken", "options[2].value:invalid"}));
  d.options.assign(FieldLimits::kMaxOptions + 1, {"v", "v", "v"});
  EXPECT_EQ(fields_of(check_definition(d, {})), std::vector<std::string>{"options:too_many"});
}

TEST(FieldDefinitionTest, OnlyDropdownsHaveOptions) {
  auto d = dropdown();
  d.type = FieldType::kText;
  EXPECT_EQ(fields_of(check_definition(d, {})), std::vector<std::string>{"options:invalid"});
  d.options.clear();
  EXPECT_TRUE(check_definition(d, {}).empty());
}

TEST(FieldDefinitionTest, LabelsKeyAndPositionAreChecked) {
  auto d = dropdown();
  d.key = "";
  d.label_zh = " ";
  d.label_en = std::string(101, 'x');
  d.position = -1;
  EXPECT_EQ(fields_of(check_definition(d, {})),
            (std::vector<std::string>{"key:required", "label_zh:required", "label_en:too_long", "position:invalid"}));
  d = dropdown();
  d.key = "Sign In";
  EXPECT_EQ(fields_of(check_definition(d, {})), std::vector<std::string>{"key:invalid"});
}

TEST(FieldDefinitionTest, LabelsAndOptionsSpeakTheReadersLanguage) {
  const auto d = dropdown();
  EXPECT_EQ(d.label(Locale::kZhCn), "登录方式");
  EXPECT_EQ(d.label(Locale::kEn), "Sign-in method");
  ASSERT_NE(d.option("wechat"), nullptr);
  EXPECT_EQ(d.option("wechat")->label(Locale::kEn), "WeChat");
  EXPECT_EQ(d.option("qq"), nullptr);
}

}  // namespace
}  // namespace gongdan::domain
