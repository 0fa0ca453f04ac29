#include "storage/repositories/sql_group_repository.hpp"

#include <gtest/gtest.h>

#include "storage/testing/test_database.hpp"

namespace gongdan::storage {
namespace {

using testing::TestDatabase;

// Migration 4 seeds the default group.
constexpr std::string_view kSeededGroup = "一线支持 First line";

std::vector<std::string> names(const std::vector<domain::Group>& groups) {
  std::vector<std::string> out;
  for (const auto& group : groups) out.push_back(group.name);
  return out;
}

TEST(SqlGroupRepositoryTest, CreatesGroupsWithTheirMembersAndListsThemByName) {
  TestDatabase t;
  auto& groups = t.db->groups();
  const auto a = t.add_user("a@example.com", domain::Role::kAgent);
  const auto b = t.add_user("b@example.com", domain::Role::kAgent);
  const auto created = groups.create({"账单 Billing", domain::AssignmentMode::kRoundRobin, {b.id, a.id}});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created->id.value, 1);
  EXPECT_EQ(created->name, "账单 Billing");
  EXPECT_EQ(created->assignment, domain::AssignmentMode::kRoundRobin);
  EXPECT_EQ(created->members, (std::vector<core::UserId>{a.id, b.id}));  // ascending ids
  ASSERT_TRUE(groups.create({"Apps", domain::AssignmentMode::kLeastLoad, {a.id}}).ok());

  const auto list = groups.list();
  EXPECT_EQ(names(list), (std::vector<std::string>{"Apps", std::string(kSeededGroup), "账单 Billing"}));
  EXPECT_EQ(list[0].members, std::vector<core::UserId>{a.id});
  EXPECT_EQ(list[0].assignment, domain::AssignmentMode::kLeastLoad);
  EXPECT_TRUE(list[1].members.empty());
  EXPECT_EQ(list[2].members, (std::vector<core::UserId>{a.id, b.id}));

  const auto found = groups.find(created->id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->members, created->members);
  EXPECT_FALSE(groups.find(core::GroupId{999}));
  EXPECT_EQ(groups.default_group(), core::GroupId{1});
  EXPECT_EQ(groups.groups_of(a.id), (std::vector<core::GroupId>{list[2].id, list[0].id}));
  EXPECT_TRUE(groups.groups_of(core::UserId{999}).empty());
}

TEST(SqlGroupRepositoryTest, ATakenNameIsAConflictOnCreateAndUpdate) {
  TestDatabase t;
  auto& groups = t.db->groups();
  const auto created = groups.create({std::string(kSeededGroup), domain::AssignmentMode::kManual, {}});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(created.error().reason, "name_taken");

  const auto other = groups.create({"Apps", domain::AssignmentMode::kManual, {}}).value();
  const auto renamed = groups.update(other.id, {std::string(kSeededGroup), domain::AssignmentMode::kManual, {}});
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.error().reason, "name_taken");
  // Names are compared as stored: another case is another name, on every engine.
  EXPECT_TRUE(groups.create({"APPS", domain::AssignmentMode::kManual, {}}).ok());
  // Keeping its own name is no conflict.
  EXPECT_TRUE(groups.update(other.id, {"Apps", domain::AssignmentMode::kLeastLoad, {}}).ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM agent_groups"), 3);
}

TEST(SqlGroupRepositoryTest, UpdateReplacesNameModeAndMembers) {
  TestDatabase t;
  auto& groups = t.db->groups();
  const auto a = t.add_user("a@example.com", domain::Role::kAgent);
  const auto b = t.add_user("b@example.com", domain::Role::kAgent);
  const auto group = groups.create({"Apps", domain::AssignmentMode::kManual, {a.id}}).value();
  const auto updated = groups.update(group.id, {"移动端 Apps", domain::AssignmentMode::kLeastLoad, {b.id}});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->name, "移动端 Apps");
  EXPECT_EQ(updated->assignment, domain::AssignmentMode::kLeastLoad);
  EXPECT_EQ(updated->members, std::vector<core::UserId>{b.id});
  EXPECT_TRUE(groups.groups_of(a.id).empty());
  EXPECT_EQ(groups.update(core::GroupId{999}, {"x", domain::AssignmentMode::kManual, {}}).error().code,
            core::ErrorCode::kNotFound);
}

TEST(SqlGroupRepositoryTest, AMemberNamedTwiceOrAddedAgainIsStoredOnce) {
  TestDatabase t;
  auto& groups = t.db->groups();
  const auto a = t.add_user("a@example.com", domain::Role::kAgent);
  const auto b = t.add_user("b@example.com", domain::Role::kAgent);
  // INSERT ... ON CONFLICT DO NOTHING on both engines.
  const auto group = groups.create({"Apps", domain::AssignmentMode::kManual, {a.id, a.id}}).value();
  EXPECT_EQ(group.members, std::vector<core::UserId>{a.id});
  ASSERT_TRUE(groups.add_member(group.id, a.id).ok());
  ASSERT_TRUE(groups.add_member(group.id, b.id).ok());
  ASSERT_TRUE(groups.add_member(group.id, b.id).ok());
  EXPECT_EQ(groups.find(group.id)->members, (std::vector<core::UserId>{a.id, b.id}));
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM group_members"), 2);
  EXPECT_EQ(groups.add_member(core::GroupId{999}, a.id).error().code, core::ErrorCode::kNotFound);
}

TEST(SqlGroupRepositoryTest, AMemberWhoIsNoUserIsRefusedAndNothingIsWritten) {
  TestDatabase t;
  auto& groups = t.db->groups();
  const auto refused = groups.create({"Apps", domain::AssignmentMode::kManual, {core::UserId{999}}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM agent_groups"), 1);
  EXPECT_FALSE(groups.add_member(core::GroupId{1}, core::UserId{999}).ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM group_members"), 0);
}

}  // namespace
}  // namespace gongdan::storage
