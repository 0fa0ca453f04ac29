#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using domain::CatalogRepository;
using domain::FieldDefinition;
using domain::FieldType;
using testing::TestDatabase;

constexpr std::int64_t kT0 = 1'764'000'000'000;
const core::CategoryId kAccount{1};

FieldDefinition method_field() {
  return {{},
          kAccount,
          "sign_in_method",
          "登录方式",
          "Sign-in method",
          FieldType::kDropdown,
          true,
          {{"phone", "手机号", "Phone number"}, {"wechat", "微信", "WeChat"}},
          1,
          true};
}

FieldDefinition phone_field() {
  return {{}, kAccount, "phone", "手机号", "Phone", FieldType::kText, false, {}, 2, true};
}

// Changes one field's value the way an agent's decision would.
domain::TicketDecision set_field(const FieldDefinition& field, std::optional<std::string> value, std::int64_t at_ms) {
  return [=](const domain::Ticket& current) -> core::Result<domain::TicketChange> {
    domain::TicketChange change{current, std::nullopt, {}};
    change.updated.updated_at = core::from_epoch_ms(at_ms);
    change.field_edit = domain::FieldEdit{{std::nullopt, "李娜", domain::Role::kAgent}, {{field.id, field.key, value}}};
    return change;
  };
}

TEST(SqlCustomFieldsTest, DefinitionsRoundTripWithTheirOptionsInOrder) {
  TestDatabase t;
  auto& catalog = t.db->catalog();
  EXPECT_TRUE(catalog.field_definitions(kAccount).empty());
  const auto phone = catalog.save_field(phone_field());
  const auto method = catalog.save_field(method_field());
  ASSERT_TRUE(phone.ok());
  ASSERT_TRUE(method.ok());
  EXPECT_NE(phone->id, method->id);
  const auto list = catalog.field_definitions(kAccount);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].key, "sign_in_method");
  EXPECT_EQ(list[0].type, FieldType::kDropdown);
  EXPECT_TRUE(list[0].required);
  EXPECT_EQ(list[0].options, method_field().options);
  EXPECT_EQ(list[1].key, "phone");
  EXPECT_TRUE(list[1].options.empty());

  auto changed = list[0];
  changed.label_en = "How you sign in";
  changed.options = {{"email", "邮箱", "Email"}};
  changed.position = 5;
  changed.key = "ignored";  // never changes
  ASSERT_TRUE(catalog.save_field(changed).ok());
  const auto again = catalog.field_definitions(kAccount);
  EXPECT_EQ(again[1].key, "sign_in_method");
  EXPECT_EQ(again[1].label_en, "How you sign in");
  ASSERT_EQ(again[1].options.size(), 1U);
  EXPECT_EQ(again[1].options[0].value, "email");

  auto unknown = phone_field();
  unknown.id = core::FieldId{999};
  EXPECT_EQ(catalog.save_field(unknown).error().code, core::ErrorCode::kNotFound);
  const auto taken = catalog.save_field(phone_field());
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().fields.at(0).code, "taken");
}

TEST(SqlCustomFieldsTest, FormsAskOnlyActiveFieldsOfActiveCategories) {
  TestDatabase t;
  auto& catalog = t.db->catalog();
  ASSERT_TRUE(catalog.save_field(method_field()).ok());
  auto hidden = phone_field();
  hidden.active = false;
  ASSERT_TRUE(catalog.save_field(hidden).ok());
  auto other = phone_field();
  other.category_id = core::CategoryId{2};
  ASSERT_TRUE(catalog.save_field(other).ok());
  auto active = catalog.active_fields();
  ASSERT_EQ(active.size(), 2U);
  EXPECT_EQ(active[0].key, "sign_in_method");
  EXPECT_EQ(active[0].options.size(), 2U);
  EXPECT_EQ(active[1].category_id, core::CategoryId{2});

  auto category = catalog.find_category(core::CategoryId{2}).value();
  category.active = false;
  ASSERT_TRUE(catalog.save_category(category).ok());
  EXPECT_EQ(catalog.active_fields().size(), 1U);
  EXPECT_EQ(catalog.categories().size(), 6U);
  EXPECT_EQ(catalog.all_categories().size(), 7U);
}

TEST(SqlCustomFieldsTest, CategoriesAreAddedAndUpdated) {
  TestDatabase t;
  auto& catalog = t.db->catalog();
  const auto added = catalog.save_category({{}, "表情", "Stickers", 20, false});
  ASSERT_TRUE(added.ok());
  EXPECT_GT(added->id.value, 7);
  EXPECT_FALSE(catalog.find_category(added->id)->active);
  auto renamed = *added;
  renamed.name_en = "Stickers & emoji";
  renamed.active = true;
  ASSERT_TRUE(catalog.save_category(renamed).ok());
  EXPECT_EQ(catalog.categories().back().name_en, "Stickers & emoji");
  renamed.id = core::CategoryId{999};
  EXPECT_EQ(catalog.save_category(renamed).error().code, core::ErrorCode::kNotFound);
}

TEST(SqlCustomFieldsTest, AnswersAreStoredWithTheTicketAndChangesAreEvents) {
  TestDatabase t;
  const auto method = t.db->catalog().save_field(method_field()).value();
  const auto phone = t.db->catalog().save_field(phone_field()).value();
  auto draft = t.draft(1, kT0);
  draft.field_values = {{method.id, method.key, "wechat"}};
  const auto ticket = t.db->tickets().create(draft).value();
  auto values = t.db->tickets().custom_field_values(ticket.id);
  ASSERT_EQ(values.size(), 1U);
  EXPECT_EQ(values[0].definition.key, "sign_in_method");
  EXPECT_EQ(values[0].definition.options.size(), 2U);
  EXPECT_EQ(values[0].value, "wechat");

  ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_field(phone, "138", kT0 + 1000)).ok());
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_field(method, "phone", kT0 + 2000)).ok());
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_field(method, "phone", kT0 + 3000)).ok());  // no change
  ASSERT_TRUE(t.db->tickets().modify(ticket.id, set_field(phone, std::nullopt, kT0 + 4000)).ok());
  values = t.db->tickets().custom_field_values(ticket.id);
  ASSERT_EQ(values.size(), 1U);
  EXPECT_EQ(values[0].value, "phone");
  const auto events = t.db->tickets().events(ticket.id);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].type, domain::EventType::kFieldChanged);
  EXPECT_EQ(events[0].field, "phone");
  EXPECT_EQ(events[0].from, "");
  EXPECT_EQ(events[0].to, "138");
  EXPECT_EQ(events[0].author.name, "李娜");
  EXPECT_EQ(events[1].field, "sign_in_method");
  EXPECT_EQ(events[1].from, "wechat");
  EXPECT_EQ(events[1].to, "phone");
  EXPECT_EQ(events[2].to, "");
  EXPECT_EQ(core::to_epoch_ms(events[2].created_at), kT0 + 4000);
}

TEST(SqlCustomFieldsTest, AFieldWithAnswersIsDeactivatedInsteadOfDeleted) {
  TestDatabase t;
  auto& catalog = t.db->catalog();
  const auto method = catalog.save_field(method_field()).value();
  const auto phone = catalog.save_field(phone_field()).value();
  auto draft = t.draft(1, kT0);
  draft.field_values = {{method.id, method.key, "wechat"}};
  const auto ticket = t.db->tickets().create(draft).value();

  EXPECT_EQ(catalog.remove_field(method.id).value(), CatalogRepository::FieldRemoval::kDeactivated);
  EXPECT_EQ(catalog.remove_field(phone.id).value(), CatalogRepository::FieldRemoval::kDeleted);
  EXPECT_EQ(catalog.remove_field(phone.id).error().code, core::ErrorCode::kNotFound);
  const auto left = catalog.field_definitions(kAccount);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_FALSE(left[0].active);
  EXPECT_EQ(left[0].options.size(), 2U);
  // The old ticket still shows its answer under the inactive field.
  const auto values = t.db->tickets().custom_field_values(ticket.id);
  ASSERT_EQ(values.size(), 1U);
  EXPECT_FALSE(values[0].definition.active);
  // The deleted field's key is free again; the deactivated one's is not.
  EXPECT_TRUE(catalog.save_field(phone_field()).ok());
  EXPECT_FALSE(catalog.save_field(method_field()).ok());
}

TEST(SqlCustomFieldsTest, AFailedCreateLeavesNoAnswers) {
  TestDatabase t;
  const auto method = t.db->catalog().save_field(method_field()).value();
  auto draft = t.draft(1, kT0);
  ASSERT_TRUE(t.db->tickets().create(draft).ok());
  auto clash = t.draft(1, kT0);  // same number
  clash.field_values = {{method.id, method.key, "wechat"}};
  EXPECT_FALSE(t.db->tickets().create(clash).ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM ticket_field_values"), 0);
}

}  // namespace
}  // namespace gongdan::storage
