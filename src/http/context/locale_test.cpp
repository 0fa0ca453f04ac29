#include "http/context/locale.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

using domain::Locale;

TEST(Locale, AbsentOrEmptyHeaderIsChinese) {
  EXPECT_EQ(locale_from_accept_language(""), Locale::kZhCn);
  EXPECT_EQ(locale_from_accept_language("  "), Locale::kZhCn);
}

TEST(Locale, AnyChineseRangeIsChinese) {
  EXPECT_EQ(locale_from_accept_language("zh-CN,zh;q=0.9"), Locale::kZhCn);
  EXPECT_EQ(locale_from_accept_language("zh-TW"), Locale::kZhCn);
  EXPECT_EQ(locale_from_accept_language("ZH"), Locale::kZhCn);
  EXPECT_EQ(locale_from_accept_language("zh-Hans-CN"), Locale::kZhCn);
}

TEST(Locale, EnglishAndOtherLanguagesAreEnglish) {
  EXPECT_EQ(locale_from_accept_language("en-US,en;q=0.9"), Locale::kEn);
  EXPECT_EQ(locale_from_accept_language("fr-FR"), Locale::kEn);
  EXPECT_EQ(locale_from_accept_language("de, ja;q=0.5"), Locale::kEn);
  EXPECT_EQ(locale_from_accept_language("zhx"), Locale::kEn);  // not a zh range
}

TEST(Locale, PreferenceWeightsDecide) {
  EXPECT_EQ(locale_from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Locale::kEn);
  EXPECT_EQ(locale_from_accept_language("en;q=0.5, zh;q=0.7"), Locale::kZhCn);
  EXPECT_EQ(locale_from_accept_language("fr, zh;q=0.5"), Locale::kZhCn);  // zh acceptable, en not
  EXPECT_EQ(locale_from_accept_language("zh;q=0, en"), Locale::kEn);
  EXPECT_EQ(locale_from_accept_language("zh;q=0"), Locale::kEn);
  EXPECT_EQ(locale_from_accept_language("en;q=1.0, zh;q=1"), Locale::kZhCn);  // a tie goes to the default
  EXPECT_EQ(locale_from_accept_language("*"), Locale::kZhCn);
  EXPECT_EQ(locale_from_accept_language("fr, *;q=0.1"), Locale::kZhCn);
}

TEST(Locale, ASignedInUsersOwnLocaleWins) {
  domain::Actor actor;
  actor.user = domain::User{};
  actor.user->locale = Locale::kEn;
  EXPECT_EQ(choose_locale(actor, "zh-CN"), Locale::kEn);
  actor.user->locale = Locale::kZhCn;
  EXPECT_EQ(choose_locale(actor, "en"), Locale::kZhCn);
  EXPECT_EQ(choose_locale(domain::Actor::anonymous(), "en"), Locale::kEn);
  EXPECT_EQ(choose_locale(domain::Actor::anonymous(), ""), Locale::kZhCn);
}

}  // namespace
}  // namespace gongdan::http
