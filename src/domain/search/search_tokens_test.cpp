#include "domain/search/search_tokens.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace gongdan::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> index_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  for_each_index_token(text, [&](std::string_view token) { tokens.emplace_back(token); });
  return tokens;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// What an index does with SearchDocument text: every query term must be a token (or, for a
// prefix term, the start of one).
bool matches(std::string_view document, std::string_view query) {
  SearchDocument doc;
  doc.add(document);
  const auto tokens = words_of(doc.text());
  const auto terms = search_query_terms(query);
  if (terms.empty()) return false;
  for (const auto& term : terms) {
    const bool found = std::any_of(tokens.begin(), tokens.end(), [&](const std::string& token) {
      return term.prefix ? token.starts_with(term.token) : token == term.token;
    });
    if (!found) return false;
  }
  return true;
}

TEST(SearchTokens, ChineseRunsBecomeOverlappingBigramsAndTheirLastCharacter) {
  EXPECT_THAT(index_tokens("应用闪退了"), ElementsAre("应用", "用闪", "闪退", "退了", "了"));
  EXPECT_THAT(index_tokens("闪"), ElementsAre("闪"));
}

TEST(SearchTokens, TwoCharacterQueriesFindWordsInsideLongerRuns) {
  EXPECT_TRUE(matches("应用闪退了", "闪退"));
  EXPECT_TRUE(matches("无法登录", "登录"));
  EXPECT_TRUE(matches("打开群聊就闪退，其他正常", "闪退"));
  EXPECT_FALSE(matches("无法登录", "闪退"));
}

TEST(SearchTokens, ABigramNeverSpansPunctuationOrSpaces) {
  EXPECT_FALSE(matches("应用闪。退出", "闪退"));
  EXPECT_FALSE(matches("应用闪 退出", "闪退"));
  EXPECT_FALSE(matches("应用闪 abc 退出", "闪退"));
}

TEST(SearchTokens, LatinWordsAreCaseFolded) {
  EXPECT_THAT(index_tokens("Voice MESSAGES fail"), ElementsAre("voice", "messages", "fail"));
  EXPECT_TRUE(matches("Voice messages FAIL to send", "fail"));
  EXPECT_TRUE(matches("voice messages fail", "VOICE Messages"));
  EXPECT_FALSE(matches("voice messages", "voicemail"));
}

TEST(SearchTokens, FullWidthFormsFoldToAscii) {
  EXPECT_THAT(index_tokens("ＡＢＣ　１２３"), ElementsAre("abc", "123"));
  EXPECT_TRUE(matches("版本ＡＢＣ", "abc"));
  EXPECT_TRUE(matches("version abc", "ＡＢＣ"));
}

TEST(SearchTokens, MixedTextSplitsAtEveryScriptChange) {
  EXPECT_THAT(index_tokens("更新到5.2.0以后iOS闪退"),
              ElementsAre("更新", "新到", "到", "5", "2", "0", "以后", "后", "ios", "闪退", "退"));
  EXPECT_TRUE(matches("更新到5.2.0以后iOS闪退", "iOS 闪退"));
  EXPECT_FALSE(matches("更新到5.2.0以后iOS闪退", "android 闪退"));
}

TEST(SearchTokens, KanaAndHangulAreBigrammedToo) {
  EXPECT_THAT(index_tokens("ログイン"), ElementsAre("ログ", "グイ", "イン", "ン"));
  EXPECT_THAT(index_tokens("로그인"), ElementsAre("로그", "그인", "인"));
}

TEST(SearchTokens, EmailsSplitIntoTheirWords) {
  EXPECT_THAT(index_tokens("Alice.Chen@Example.com"), ElementsAre("alice", "chen", "example", "com"));
  EXPECT_TRUE(matches("alice.chen@example.com", "Alice.Chen@example.com"));
  EXPECT_TRUE(matches("alice.chen@example.com", "alice"));
}

TEST(SearchTokens, OtherAlphabetsStayWholeWords) {
  EXPECT_THAT(index_tokens("café Москва"), ElementsAre("café", "Москва"));
}

TEST(SearchTokens, MalformedUtf8SeparatesAndIsDropped) {
  EXPECT_THAT(index_tokens("ab\xFF"
                           "cd"),
              ElementsAre("ab", "cd"));
  EXPECT_THAT(index_tokens("登\xE7\x99录"), ElementsAre("登", "录"));  // a truncated character between
  EXPECT_THAT(index_tokens("\xC0\xAF\xED\xA0\x80"), IsEmpty());        // overlong slash, surrogate
  EXPECT_THAT(index_tokens("闪退\xE9"), ElementsAre("闪退", "退"));    // cut off at the end
}

TEST(SearchTokens, PunctuationSymbolsAndEmojiSeparate) {
  EXPECT_THAT(index_tokens("“登录”😀失败！"), ElementsAre("登录", "录", "失败", "败"));
  EXPECT_THAT(index_tokens("--- !!! ..."), IsEmpty());
}

TEST(SearchTokens, VeryLongWordsAreCut) {
  const std::string long_word(200, 'a');
  const auto tokens = index_tokens(long_word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].size(), kMaxSearchWordBytes);
  EXPECT_TRUE(matches(long_word, long_word));  // the query is cut the same way
  std::string wide;
  for (int i = 0; i < 40; ++i) wide += "ж";  // 2 bytes each: a cut never splits a character
  EXPECT_EQ(index_tokens(wide).at(0).size(), kMaxSearchWordBytes);
  EXPECT_EQ(index_tokens("a" + wide).at(0).size(), kMaxSearchWordBytes - 1);
}

TEST(SearchQueryTerms, LoneCjkCharacterIsAPrefixTerm) {
  EXPECT_THAT(search_query_terms("闪"), ElementsAre(SearchTerm{"闪", true}));
  EXPECT_THAT(search_query_terms("闪退"), ElementsAre(SearchTerm{"闪退", false}));
  EXPECT_THAT(search_query_terms("应用闪退"),
              ElementsAre(SearchTerm{"应用", false}, SearchTerm{"用闪", false}, SearchTerm{"闪退", false}));
  // A single character finds it anywhere in a run: first, middle or last.
  EXPECT_TRUE(matches("闪退", "闪"));
  EXPECT_TRUE(matches("应用闪", "闪"));
  EXPECT_TRUE(matches("打开就闪退了", "闪"));
  EXPECT_FALSE(matches("无法登录", "闪"));
}

TEST(SearchQueryTerms, DuplicatesDropAndPunctuationOnlyIsEmpty) {
  EXPECT_THAT(search_query_terms("Login login LOGIN"), ElementsAre(SearchTerm{"login", false}));
  EXPECT_THAT(search_query_terms("  ？！ -- "), IsEmpty());
  EXPECT_FALSE(matches("anything", "?!"));
}

TEST(SearchDocument, KeepsDistinctTokensInFirstSeenOrder) {
  SearchDocument doc;
  EXPECT_TRUE(doc.add("登录 失败 login"));
  EXPECT_FALSE(doc.add("LOGIN 登录"));
  EXPECT_TRUE(doc.add("登录 ok"));
  EXPECT_EQ(doc.text(), "登录 录 失败 败 login ok");
  EXPECT_EQ(doc.size(), 6u);
}

TEST(SearchDocument, ResumingFromItsTextGivesTheSameResult) {
  SearchDocument all;
  all.add("无法登录 Alice@example.com");
  all.add("验证码收不到");
  SearchDocument resumed = SearchDocument::from_text([] {
    SearchDocument first;
    first.add("无法登录 Alice@example.com");
    return first.text();
  }());
  resumed.add("验证码收不到");
  EXPECT_EQ(resumed.text(), all.text());
  EXPECT_EQ(resumed.size(), all.size());
}

TEST(SearchDocument, StopsAtTheTokenCap) {
  SearchDocument doc;
  for (std::size_t i = 0; i < kMaxDocumentTokens + 100; ++i) doc.add("w" + std::to_string(i));
  EXPECT_EQ(doc.size(), kMaxDocumentTokens);
  EXPECT_FALSE(doc.add("one more"));
  EXPECT_EQ(words_of(doc.text()).size(), kMaxDocumentTokens);
  EXPECT_EQ(words_of(doc.text()).back(), "w" + std::to_string(kMaxDocumentTokens - 1));
}

}  // namespace
}  // namespace gongdan::domain
