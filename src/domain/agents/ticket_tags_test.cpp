#include "domain/agents/ticket_tags.hpp"

#include <gtest/gtest.h>

#include "domain/agents/ticket_views.hpp"

namespace gongdan::domain {
namespace {

TEST(TicketTags, NormalizesCaseAndSpaceAndKeepsChinese) {
  EXPECT_EQ(normalize_tag("  iOS "), "ios");
  EXPECT_EQ(normalize_tag("闪退"), "闪退");
  EXPECT_EQ(normalize_tag("data-loss_2"), "data-loss_2");
}

TEST(TicketTags, RefusesSeparatorsControlsAndLength) {
  for (const char* bad : {"", "  ", "a b", "a,b", "a\tb", "a\x7f", "全\u3000角", "甲\uff0c乙", "\xff\xfe"}) {
    EXPECT_FALSE(normalize_tag(bad)) << bad;
  }
  EXPECT_TRUE(normalize_tag(std::string(40, 'x')));
  EXPECT_FALSE(normalize_tag(std::string(41, 'x')));
  EXPECT_TRUE(
      normalize_tag("闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退闪退"));  // 40 chars
}

TEST(TicketTags, AddAndRemoveKeepTheListSortedAndUnique) {
  std::vector<std::string> tags;
  EXPECT_TRUE(add_tag(tags, "b"));
  EXPECT_TRUE(add_tag(tags, "a"));
  EXPECT_FALSE(add_tag(tags, "a"));
  EXPECT_EQ(tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(remove_tag(tags, "a"));
  EXPECT_FALSE(remove_tag(tags, "a"));
  EXPECT_EQ(tags, (std::vector<std::string>{"b"}));
}

TEST(TicketViews, EachViewStaysWithinTheScope) {
  const StaffScope scope{core::UserId{7}, false, {core::GroupId{2}}};
  const auto now = core::from_epoch_ms(1'000'000'000'000);
  for (const auto view : kAllViews) {
    EXPECT_EQ(parse_view(to_string(view)), view);
    const auto query = view_query(view, scope, now);
    ASSERT_TRUE(query.scope.has_value());
    EXPECT_EQ(query.scope->user, core::UserId{7});
  }
  EXPECT_EQ(view_query(ViewId::kMine, scope, now).assignee, core::UserId{7});
  EXPECT_TRUE(view_query(ViewId::kUnassigned, scope, now).unassigned);
  EXPECT_EQ(view_query(ViewId::kMyGroups, scope, now).groups, (std::vector<core::GroupId>{core::GroupId{2}}));
  // In no group, "my groups" is empty rather than everything.
  const StaffScope loner{core::UserId{8}, true, {}};
  EXPECT_EQ(view_query(ViewId::kMyGroups, loner, now).groups, (std::vector<core::GroupId>{core::GroupId{0}}));
  EXPECT_EQ(view_query(ViewId::kRecentlySolved, scope, now).resolved_since, now - kRecentlySolvedWindow);
  EXPECT_FALSE(parse_view("all"));
  EXPECT_FALSE(parse_queue_sort("random"));
}

}  // namespace
}  // namespace gongdan::domain
