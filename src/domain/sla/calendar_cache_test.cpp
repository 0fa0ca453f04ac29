#include "domain/sla/calendar_cache.hpp"

#include <gtest/gtest.h>

#include "domain/sla/presets.hpp"

namespace gongdan::domain::sla {
namespace {

TEST(CalendarCache, FindsOnlyTheRevisionItBuilt) {
  CalendarCache cache;
  const CalendarDefinition definition = cn_mainland_2026_calendar().definition();
  EXPECT_FALSE(cache.find(definition.name, 3).has_value()) << "nothing built yet";
  ASSERT_TRUE(cache.get(definition, 3).ok());
  const auto found = cache.find(definition.name, 3);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name(), definition.name);
  EXPECT_FALSE(cache.find(definition.name, 4).has_value()) << "a newer revision must be read again";
  EXPECT_FALSE(cache.find("other", 3).has_value());
}

}  // namespace
}  // namespace gongdan::domain::sla
