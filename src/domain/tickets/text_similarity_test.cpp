#include "domain/tickets/text_similarity.hpp"

#include <gtest/gtest.h>

namespace gongdan::domain {
namespace {

TEST(TextSimilarity, SameSubjectDespitePunctuationAndCase) {
  EXPECT_DOUBLE_EQ(text_similarity("App crashes on start!", "app crashes on start"), 1.0);
  EXPECT_DOUBLE_EQ(text_similarity("登录失败，收不到验证码", "登录失败 收不到验证码"), 1.0);
}

TEST(TextSimilarity, NearDuplicatesAreSimilar) {
  EXPECT_GE(text_similarity("收不到短信验证码", "一直收不到短信验证码"), kSimilarSubjectThreshold);
  EXPECT_GE(text_similarity("Cannot send voice messages", "cannot send voice message"), kSimilarSubjectThreshold);
}

TEST(TextSimilarity, DifferentProblemsAreNot) {
  EXPECT_LT(text_similarity("收不到短信验证码", "群聊消息闪退"), kSimilarSubjectThreshold);
  EXPECT_LT(text_similarity("Payment failed", "Cannot log in"), kSimilarSubjectThreshold);
  EXPECT_DOUBLE_EQ(text_similarity("", "anything"), 0.0);
}

}  // namespace
}  // namespace gongdan::domain
