#include "storage/repositories/sql_catalog_repository.hpp"

#include <gtest/gtest.h>

#include <set>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::TestDatabase;

TEST(SqlCatalogRepositoryTest, SeedsCategoriesInDisplayOrder) {
  TestDatabase t;
  const auto categories = t.db->catalog().categories();
  ASSERT_EQ(categories.size(), 7u);
  EXPECT_EQ(categories.front().name_zh, "账号与登录");
  EXPECT_EQ(categories.front().name(domain::Locale::kEn), "Account & sign-in");
  EXPECT_EQ(categories.back().name_en, "Other");
  for (std::size_t i = 1; i < categories.size(); ++i) EXPECT_LT(categories[i - 1].position, categories[i].position);
}

TEST(SqlCatalogRepositoryTest, AddsACategoryAtTheEnd) {
  TestDatabase t;
  const auto added = t.db->catalog().add_category("表情与贴纸", "Stickers");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->position, 8);
  const auto categories = t.db->catalog().categories();
  ASSERT_EQ(categories.size(), 8u);
  EXPECT_EQ(categories.back().id, added->id);
  const auto found = t.db->catalog().find_category(added->id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name_zh, "表情与贴纸");
  EXPECT_FALSE(t.db->catalog().find_category(core::CategoryId{999}).has_value());
}

TEST(SqlCatalogRepositoryTest, InactiveCategoriesAreNotListedButStillFound) {
  TestDatabase t;
  ASSERT_TRUE(t.db->store()
                  .write([](sql::Connection& db) -> core::Status {
                    db.exec("UPDATE categories SET active = 0 WHERE id = 2");
                    return core::ok_status();
                  })
                  .ok());
  EXPECT_EQ(t.db->catalog().categories().size(), 6u);
  const auto hidden = t.db->catalog().find_category(core::CategoryId{2});
  ASSERT_TRUE(hidden.has_value());
  EXPECT_FALSE(hidden->active);
}

TEST(SqlCatalogRepositoryTest, SeedsTheSameArticlesInBothLanguages) {
  TestDatabase t;
  const auto zh = t.db->catalog().articles(domain::Locale::kZhCn);
  const auto en = t.db->catalog().articles(domain::Locale::kEn);
  ASSERT_EQ(zh.size(), 6u);
  ASSERT_EQ(en.size(), zh.size());
  std::set<std::string> slugs;
  for (std::size_t i = 0; i < zh.size(); ++i) {
    EXPECT_EQ(zh[i].slug, en[i].slug);
    EXPECT_EQ(zh[i].locale, domain::Locale::kZhCn);
    EXPECT_EQ(en[i].locale, domain::Locale::kEn);
    EXPECT_FALSE(zh[i].body_markdown.empty());
    EXPECT_FALSE(en[i].category.empty());
    slugs.insert(zh[i].slug);
  }
  EXPECT_EQ(slugs.size(), 6u);
  EXPECT_EQ(en.front().title, "Cannot sign in, or the verification code never arrives");
  // SQL quoting survived: the English text keeps its apostrophes.
  EXPECT_NE(en.front().body_markdown.find("phone's spam"), std::string::npos);
  const auto& contact = en.back();
  EXPECT_EQ(contact.slug, "contact-support");
  EXPECT_NE(contact.body_markdown.find("1–2 hours"), std::string::npos);
  EXPECT_NE(contact.body_markdown.find("24 hours"), std::string::npos);
}

}  // namespace
}  // namespace gongdan::storage
