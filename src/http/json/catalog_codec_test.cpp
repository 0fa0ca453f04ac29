#include "http/json/catalog_codec.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

using Kind = domain::FieldInput::Kind;

TEST(CatalogCodecTest, AnswersKeepTheirJsonTypeForTheDomainToCheck) {
  const auto inputs = field_inputs(nlohmann::json::parse(
      R"({"a": "text", "b": 12.5, "c": 7, "d": true, "e": null, "f": [1], "g": {"x": 1}, "h": 1e20})"));
  ASSERT_EQ(inputs.size(), 8U);
  EXPECT_EQ(inputs[0].second.kind, Kind::kString);
  EXPECT_EQ(inputs[0].second.text, "text");
  EXPECT_EQ(inputs[1].second.kind, Kind::kNumber);
  EXPECT_EQ(inputs[1].second.text, "12.5");
  EXPECT_EQ(inputs[2].second.text, "7");
  EXPECT_EQ(inputs[3].second.kind, Kind::kBoolean);
  EXPECT_TRUE(inputs[3].second.boolean);
  EXPECT_EQ(inputs[4].second.kind, Kind::kNull);
  EXPECT_EQ(inputs[5].second.kind, Kind::kOther);
  EXPECT_EQ(inputs[6].second.kind, Kind::kOther);
  EXPECT_EQ(inputs[7].second.kind, Kind::kNumber);
}

TEST(CatalogCodecTest, FieldDraftsReportWrongTypesByPath) {
  const auto bad = decode_field_draft(
      nlohmann::json::parse(R"({"key": 1, "required": "yes", "options": [{"value": "a", "label_zh": 2}, "b"]})"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& e : bad.error().fields) fields.push_back(e.field + ":" + e.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"key:invalid_type", "required:invalid_type",
                                              "options[0].label_zh:invalid_type", "options[1]:invalid_type"}));
  const auto good = decode_field_draft(nlohmann::json::parse(
      R"({"key": "os", "type": "dropdown", "label_zh": "系统", "label_en": "OS",
          "options": [{"value": "ios", "label_zh": "iOS", "label_en": "iOS"}]})"));
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->key, "os");
  ASSERT_EQ(good->options.size(), 1U);
  EXPECT_EQ(good->options[0].label_en, "iOS");
  EXPECT_FALSE(good->position.has_value());
  EXPECT_FALSE(good->active.has_value());
}

TEST(CatalogCodecTest, AnswersAreTypedAndReadableInTheReadersLanguage) {
  domain::FieldDefinition method{{},
                                 {},
                                 "method",
                                 "登录方式",
                                 "Sign-in method",
                                 domain::FieldType::kDropdown,
                                 true,
                                 {{"wechat", "微信", "WeChat"}},
                                 1,
                                 true};
  auto json = ticket_field_json({method, "wechat"}, domain::Locale::kEn);
  EXPECT_EQ(json["label"], "Sign-in method");
  EXPECT_EQ(json["value"], "wechat");
  EXPECT_EQ(json["display"], "WeChat");
  // An option removed since shows its stored value.
  EXPECT_EQ(ticket_field_json({method, "qq"}, domain::Locale::kZhCn)["display"], "qq");
  domain::FieldDefinition amount{{}, {}, "amount", "金额", "Amount", domain::FieldType::kNumber, false, {}, 2, true};
  EXPECT_EQ(ticket_field_json({amount, "42"}, domain::Locale::kEn)["value"], 42);
  EXPECT_EQ(ticket_field_json({amount, "-0.25"}, domain::Locale::kEn)["value"], -0.25);
  domain::FieldDefinition agree{{}, {}, "agree", "同意", "Agree", domain::FieldType::kCheckbox, false, {}, 3, true};
  EXPECT_EQ(ticket_field_json({agree, "false"}, domain::Locale::kZhCn)["value"], false);
  EXPECT_EQ(ticket_field_json({agree, "true"}, domain::Locale::kZhCn)["display"], "是");
}

}  // namespace
}  // namespace gongdan::http
