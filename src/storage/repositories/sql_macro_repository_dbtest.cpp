#include "storage/repositories/sql_macro_repository.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using namespace std::chrono_literals;
using testing::TestDatabase;

domain::Macro macro(std::string title, std::optional<core::UserId> owner, core::Timestamp at) {
  domain::Macro m;
  m.title = std::move(title);
  m.body = "{{customer.name}}您好";
  m.owner = owner;
  m.created_at = m.updated_at = at;
  return m;
}

TEST(SqlMacroRepositoryTest, StoresEveryFieldAndReadsItBack) {
  TestDatabase t;
  auto& macros = t.db->macros();
  const auto agent = t.add_user("agent@example.com", domain::Role::kAgent);
  auto m = macro("请提供日志", agent.id, t.clock.now());
  m.internal = true;
  m.actions.status = domain::Status::kPending;
  m.actions.priority = domain::Priority::kUrgent;
  m.actions.add_tags = {"logs", "需要日志"};
  const auto created = macros.create(m).value();
  EXPECT_GT(created.id.value, 0);

  const auto found = macros.find(created.id).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "请提供日志");
  EXPECT_EQ(found->body, "{{customer.name}}您好");
  EXPECT_EQ(found->owner, agent.id);
  EXPECT_TRUE(found->internal);
  EXPECT_EQ(found->actions.status, domain::Status::kPending);
  EXPECT_EQ(found->actions.priority, domain::Priority::kUrgent);
  EXPECT_EQ(found->actions.add_tags, (std::vector<std::string>{"logs", "需要日志"}));
  EXPECT_EQ(found->created_at, t.clock.now());

  const auto plain = macros.create(macro("Plain", std::nullopt, t.clock.now())).value();
  const auto read = macros.find(plain.id).value();
  EXPECT_TRUE(read->shared());
  EXPECT_FALSE(read->actions.status);
  EXPECT_FALSE(read->actions.priority);
  EXPECT_TRUE(read->actions.add_tags.empty());
  EXPECT_FALSE(macros.find(domain::MacroId{999}).value());
}

TEST(SqlMacroRepositoryTest, ListsTheSharedMacrosAndTheUsersOwnByTitle) {
  TestDatabase t;
  auto& macros = t.db->macros();
  const auto a = t.add_user("a@example.com", domain::Role::kAgent);
  const auto b = t.add_user("b@example.com", domain::Role::kAgent);
  const auto now = t.clock.now();
  ASSERT_TRUE(macros.create(macro("b shared", std::nullopt, now)));
  ASSERT_TRUE(macros.create(macro("c a's", a.id, now)));
  ASSERT_TRUE(macros.create(macro("a b's", b.id, now)));
  ASSERT_TRUE(macros.create(macro("a a's", a.id, now)));
  std::vector<std::string> titles;
  const auto list = macros.usable_by(a.id).value();
  for (const auto& m : list) titles.push_back(m.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"a a's", "b shared", "c a's"}));
}

TEST(SqlMacroRepositoryTest, UpdatesAndRemovesAndSaysWhenItIsGone) {
  TestDatabase t;
  auto& macros = t.db->macros();
  auto m = macros.create(macro("old", std::nullopt, t.clock.now())).value();
  m.title = "new";
  m.actions.priority = domain::Priority::kHigh;
  m.updated_at = t.clock.now() + 1min;
  ASSERT_TRUE(macros.update(m));
  const auto read = macros.find(m.id).value();
  EXPECT_EQ(read->title, "new");
  EXPECT_EQ(read->actions.priority, domain::Priority::kHigh);
  EXPECT_EQ(read->updated_at, t.clock.now() + 1min);
  EXPECT_EQ(read->created_at, t.clock.now());

  ASSERT_TRUE(macros.remove(m.id));
  EXPECT_EQ(macros.remove(m.id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(macros.update(m).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM macros"), 0);
}

}  // namespace
}  // namespace gongdan::storage
