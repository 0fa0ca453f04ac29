#include "domain/catalog/catalog_admin_service.hpp"

#include <gtest/gtest.h>

#include "domain/testing/in_memory_stores.hpp"

namespace gongdan::domain {
namespace {

using core::ErrorCode;

Actor as(Role role) {
  User user;
  user.id = core::UserId{static_cast<std::int64_t>(role) + 1};
  user.role = role;
  return Actor{user, std::nullopt};
}

FieldDraft method_draft() {
  FieldDraft d;
  d.key = "sign_in_method";
  d.type = "dropdown";
  d.label_zh = "登录方式";
  d.label_en = "Sign-in method";
  d.required = true;
  d.options = {{"phone", "手机号", "Phone number"}, {"wechat", "微信", "WeChat"}};
  return d;
}

class CatalogAdminServiceTest : public ::testing::Test {
 protected:
  testing::InMemoryCatalog catalog_;
  CatalogAdminService service_{catalog_};
  Actor admin_ = as(Role::kAdmin);
  const core::CategoryId account_{1};
};

TEST_F(CatalogAdminServiceTest, OnlyAdminsManage) {
  for (const Actor& actor : {as(Role::kAgent), as(Role::kCustomer)}) {
    EXPECT_EQ(service_.categories(actor).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.create_category(actor, {"a", "a", {}, {}}).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.create_field(actor, account_, method_draft()).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(service_.remove_field(actor, account_, core::FieldId{1}).error().code, ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(service_.fields(Actor::anonymous(), account_).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(catalog_.all_categories().size(), 1U);
  EXPECT_TRUE(catalog_.field_definitions(account_).empty());
}

TEST_F(CatalogAdminServiceTest, CategoriesAreAddedAtTheEndAndCanBeDeactivated) {
  const auto added = service_.create_category(admin_, {" 表情与贴纸 ", "Stickers", {}, {}});
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->name_zh, "表情与贴纸");
  EXPECT_EQ(added->position, 2);
  EXPECT_TRUE(added->active);
  const auto updated = service_.update_category(admin_, added->id, {"表情", "Stickers & emoji", {}, false});
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(updated->active);
  EXPECT_EQ(updated->position, 2);
  EXPECT_EQ(updated->name_en, "Stickers & emoji");
  EXPECT_EQ(service_.update_category(admin_, core::CategoryId{99}, {"x", "x", {}, {}}).error().code,
            ErrorCode::kNotFound);
  const auto bad = service_.create_category(admin_, {"", std::string(101, 'x'), -5, {}});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 3U);
  EXPECT_EQ(bad.error().fields[0].field, "name_zh");
  EXPECT_EQ(bad.error().fields[1].code, "too_long");
  EXPECT_EQ(bad.error().fields[2].field, "position");
}

TEST_F(CatalogAdminServiceTest, FieldsAreCreatedCheckedAndOrdered) {
  const auto method = service_.create_field(admin_, account_, method_draft());
  ASSERT_TRUE(method.ok());
  EXPECT_EQ(method->position, 1);
  EXPECT_EQ(method->type, FieldType::kDropdown);
  FieldDraft phone{"phone", "text", "手机号", "Phone", false, {}, {}, {}};
  const auto second = service_.create_field(admin_, account_, phone);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->position, 2);
  EXPECT_EQ(service_.create_field(admin_, account_, phone).error().fields.at(0).code, "taken");
  FieldDraft typeless = phone;
  typeless.key = "x";
  typeless.type = "color";
  EXPECT_EQ(service_.create_field(admin_, account_, typeless).error().fields.at(0).field, "type");
  EXPECT_EQ(service_.create_field(admin_, core::CategoryId{42}, phone).error().code, ErrorCode::kNotFound);
  const auto list = service_.fields(admin_, account_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ(list->front().key, "sign_in_method");
}

TEST_F(CatalogAdminServiceTest, KeyAndTypeNeverChangeButLabelsOptionsAndOrderDo) {
  const auto method = service_.create_field(admin_, account_, method_draft()).value();
  auto draft = method_draft();
  draft.key.reset();
  draft.type.reset();
  draft.label_en = "How you sign in";
  draft.options.push_back({"email", "邮箱", "Email"});
  draft.position = 9;
  draft.active = false;
  const auto updated = service_.update_field(admin_, account_, method.id, draft);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->label_en, "How you sign in");
  EXPECT_EQ(updated->options.size(), 3U);
  EXPECT_EQ(updated->position, 9);
  EXPECT_FALSE(updated->active);
  draft.key = "method";
  draft.type = "text";
  const auto refused = service_.update_field(admin_, account_, method.id, draft);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).code, "immutable");
  EXPECT_EQ(refused.error().fields.at(1).field, "type");
  // Sending the same key and type is fine.
  draft.key = "sign_in_method";
  draft.type = "dropdown";
  EXPECT_TRUE(service_.update_field(admin_, account_, method.id, draft).ok());
  EXPECT_EQ(service_.update_field(admin_, core::CategoryId{2}, method.id, draft).error().code, ErrorCode::kNotFound);
}

TEST_F(CatalogAdminServiceTest, RemovingAFieldWithAnswersDeactivatesIt) {
  const auto used = service_.create_field(admin_, account_, method_draft()).value();
  const auto unused = service_.create_field(admin_, account_, {"phone", "text", "手机号", "Phone", false, {}, {}, {}});
  catalog_.fields_in_use.insert(used.id.value);
  EXPECT_EQ(service_.remove_field(admin_, account_, used.id).value(), CatalogRepository::FieldRemoval::kDeactivated);
  EXPECT_EQ(service_.remove_field(admin_, account_, unused->id).value(), CatalogRepository::FieldRemoval::kDeleted);
  const auto left = catalog_.field_definitions(account_);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_FALSE(left[0].active);
  EXPECT_EQ(service_.remove_field(admin_, account_, unused->id).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gongdan::domain
