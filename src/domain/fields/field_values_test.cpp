#include "domain/fields/field_values.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

FieldDefinition field(std::int64_t id, std::string key, FieldType type, bool required = false) {
  FieldDefinition d;
  d.id = core::FieldId{id};
  d.category_id = core::CategoryId{1};
  d.key = std::move(key);
  d.label_zh = d.label_en = d.key;
  d.type = type;
  d.required = required;
  d.position = static_cast<int>(id);
  if (type == FieldType::kDropdown) d.options = {{"phone", "手机号", "Phone"}, {"wechat", "微信", "WeChat"}};
  return d;
}

class FieldValuesTest : public ::testing::Test {
 protected:
  std::vector<FieldDefinition> definitions_{
      field(1, "method", FieldType::kDropdown, true),
      field(2, "phone", FieldType::kText),
      field(3, "amount", FieldType::kNumber),
      field(4, "agree", FieldType::kCheckbox),
      field(5, "since", FieldType::kDate),
  };

  // The one error of a submission of `inputs` (with the required dropdown answered).
  core::FieldError error_of(FieldInputs inputs) {
    inputs.insert(inputs.begin(), {"method", FieldInput::of(std::string("phone"))});
    auto checked = check_submitted_fields(definitions_, inputs);
    EXPECT_FALSE(checked.ok());
    if (checked.ok()) return {};
    EXPECT_EQ(checked.error().fields.size(), 1U);
    return checked.error().fields.at(0);
  }
  std::string stored(const std::string& key, FieldInput input) {
    FieldInputs inputs{{"method", FieldInput::of(std::string("phone"))}, {key, std::move(input)}};
    auto checked = check_submitted_fields(definitions_, inputs);
    EXPECT_TRUE(checked.ok()) << (checked.ok() ? "" : checked.error().fields.at(0).message);
    if (!checked.ok()) return "<error>";
    for (const auto& v : *checked) {
      if (v.key == key) return v.value;
    }
    return "<none>";
  }
};

TEST_F(FieldValuesTest, ValidValuesAreStoredInCanonicalFormInDefinitionOrder) {
  FieldInputs inputs{{"since", FieldInput::of(std::string("2024-02-29"))},
                     {"phone", FieldInput::of(std::string("  138 0000 1234 "))},
                     {"amount", FieldInput::number("12.50")},
                     {"agree", FieldInput::of(true)},
                     {"method", FieldInput::of(std::string("wechat"))}};
  auto values = check_submitted_fields(definitions_, inputs);
  ASSERT_TRUE(values.ok());
  ASSERT_EQ(values->size(), 5U);
  EXPECT_EQ((*values)[0].key, "method");
  EXPECT_EQ((*values)[0].value, "wechat");
  EXPECT_EQ((*values)[0].field_id, core::FieldId{1});
  EXPECT_EQ((*values)[1].value, "138 0000 1234");
  EXPECT_EQ((*values)[2].value, "12.5");
  EXPECT_EQ((*values)[3].value, "true");
  EXPECT_EQ((*values)[4].value, "2024-02-29");
}

TEST_F(FieldValuesTest, NumbersAreFiniteDecimalsWithinTheLimit) {
  EXPECT_EQ(stored("amount", FieldInput::number("42")), "42");
  EXPECT_EQ(stored("amount", FieldInput::number("-0")), "0");
  EXPECT_EQ(stored("amount", FieldInput::of(std::string(" 3.25 "))), "3.25");
  EXPECT_EQ(stored("amount", FieldInput::number("1e12")), "1000000000000");
  EXPECT_EQ(stored("amount", FieldInput::number("-1000000000000")), "-1000000000000");
  for (const char* bad : {"1e13", "-1000000000000.5", "inf", "nan", "12abc", "0x10", "+1", "1,5"}) {
    EXPECT_EQ(error_of({{"amount", FieldInput::of(std::string(bad))}}).code, "invalid") << bad;
  }
  EXPECT_EQ(error_of({{"amount", FieldInput::of(true)}}).field, "fields.amount");
}

TEST_F(FieldValuesTest, DatesAreRealCalendarDays) {
  EXPECT_EQ(stored("since", FieldInput::of(std::string("2026-11-18"))), "2026-11-18");
  for (const char* bad : {"2025-02-29", "2026-13-01", "2026-1-5", "2026/01/05", "20260105", "2026-01-05T00:00:00Z"}) {
    const auto e = error_of({{"since", FieldInput::of(std::string(bad))}});
    EXPECT_EQ(e.field, "fields.since") << bad;
    EXPECT_EQ(e.code, "invalid") << bad;
  }
  EXPECT_EQ(error_of({{"since", FieldInput::number("20260105")}}).code, "invalid");
}

TEST_F(FieldValuesTest, TextIsAtMost500CharactersOnOneLine) {
  EXPECT_EQ(stored("phone", FieldInput::of(std::string(500, 'x'))).size(), 500U);
  std::string chinese;
  for (int i = 0; i < 500; ++i) chinese += "号";
  EXPECT_EQ(stored("phone", FieldInput::of(chinese)), chinese);
  EXPECT_EQ(error_of({{"phone", FieldInput::of(std::string(501, 'x'))}}).code, "too_long");
  EXPECT_EQ(error_of({{"phone", FieldInput::of(std::string("a\nb"))}}).code, "invalid");
  EXPECT_EQ(error_of({{"phone", FieldInput::of(std::string("\xff"))}}).code, "invalid_utf8");
  EXPECT_EQ(error_of({{"phone", FieldInput::number("138")}}).code, "invalid");
}

TEST_F(FieldValuesTest, DropdownsTakeOneOfTheirOptionValues) {
  FieldInputs inputs{{"method", FieldInput::of(std::string("Phone"))}};
  auto checked = check_submitted_fields(definitions_, inputs);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().fields.at(0).field, "fields.method");
  EXPECT_EQ(checked.error().fields.at(0).code, "invalid");
}

TEST_F(FieldValuesTest, CheckboxesAreBooleans) {
  EXPECT_EQ(stored("agree", FieldInput::of(false)), "false");
  EXPECT_EQ(error_of({{"agree", FieldInput::of(std::string("true"))}}).code, "invalid");
  EXPECT_EQ(error_of({{"agree", FieldInput{FieldInput::Kind::kOther, false, {}}}}).code, "invalid");
}

TEST_F(FieldValuesTest, RequiredFieldsNeedAnAnswerAndARequiredCheckboxATick) {
  for (const auto& input : {FieldInput::null(), FieldInput::of(std::string("  "))}) {
    auto checked = check_submitted_fields(definitions_, {{"method", input}});
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().fields.at(0).field, "fields.method");
    EXPECT_EQ(checked.error().fields.at(0).code, "required");
  }
  EXPECT_EQ(check_submitted_fields(definitions_, {}).error().fields.at(0).code, "required");
  definitions_[3].required = true;
  EXPECT_EQ(error_of({{"agree", FieldInput::of(false)}}).code, "required");
  EXPECT_EQ(stored("agree", FieldInput::of(true)), "true");
}

TEST_F(FieldValuesTest, EmptyOptionalAnswersAreNotStored) {
  EXPECT_EQ(stored("phone", FieldInput::of(std::string(""))), "<none>");
  EXPECT_EQ(stored("amount", FieldInput::null()), "<none>");
}

TEST_F(FieldValuesTest, UnknownAndInactiveKeysAreRefused) {
  EXPECT_EQ(error_of({{"nope", FieldInput::of(std::string("x"))}}).field, "fields.nope");
  EXPECT_EQ(error_of({{"nope", FieldInput::of(std::string("x"))}}).code, "unknown_field");
  // A key that could not be a field is not echoed back.
  EXPECT_EQ(error_of({{std::string(5000, 'x'), FieldInput::null()}}).field, "fields");
  definitions_[1].active = false;
  EXPECT_EQ(error_of({{"phone", FieldInput::of(std::string("138"))}}).code, "unknown_field");
  // An inactive required field is not asked for any more.
  definitions_[0].active = false;
  EXPECT_TRUE(check_submitted_fields(definitions_, {}).ok());
}

TEST_F(FieldValuesTest, AHostileNumberOfKeysIsOneError) {
  FieldInputs inputs;
  for (int i = 0; i < 1000; ++i) inputs.push_back({"k" + std::to_string(i), FieldInput::null()});
  const auto checked = check_submitted_fields(definitions_, inputs);
  ASSERT_FALSE(checked.ok());
  ASSERT_EQ(checked.error().fields.size(), 1U);
  EXPECT_EQ(checked.error().fields[0].code, "too_many");
}

TEST_F(FieldValuesTest, EveryProblemIsNamedAtOnce) {
  FieldInputs inputs{{"phone", FieldInput::of(std::string(501, 'x'))}, {"since", FieldInput::of(std::string("x"))}};
  const auto checked = check_submitted_fields(definitions_, inputs);
  ASSERT_FALSE(checked.ok());
  ASSERT_EQ(checked.error().fields.size(), 3U);
  EXPECT_EQ(checked.error().fields[0].field, "fields.method");
  EXPECT_EQ(checked.error().fields[1].field, "fields.phone");
  EXPECT_EQ(checked.error().fields[2].field, "fields.since");
}

TEST_F(FieldValuesTest, ChangesTouchOnlyTheGivenKeysAndMayClearOptionalOnes) {
  auto changes =
      check_field_changes(definitions_, {{"phone", FieldInput::null()}, {"amount", FieldInput::number("7")}});
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2U);
  EXPECT_EQ((*changes)[0].key, "phone");
  EXPECT_FALSE((*changes)[0].value.has_value());
  EXPECT_EQ((*changes)[1].value, "7");
  EXPECT_TRUE(check_field_changes(definitions_, {}).ok());
  const auto cleared = check_field_changes(definitions_, {{"method", FieldInput::of(std::string(""))}});
  ASSERT_FALSE(cleared.ok());
  EXPECT_EQ(cleared.error().fields.at(0).code, "required");
  const auto unknown = check_field_changes(definitions_, {{"nope", FieldInput::of(std::string("x"))}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).code, "unknown_field");
  const auto bad = check_field_changes(definitions_, {{"method", FieldInput::of(std::string("qq"))}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "fields.method");
}

}  // namespace
}  // namespace gongdan::domain
