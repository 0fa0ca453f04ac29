#include "mail/inbound/message_id.hpp"

#include <gtest/gtest.h>

namespace gongdan::mail {
namespace {

TEST(MessageId, Fnv1a64MatchesThePublishedTestVectors) {
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ULL);
}

TEST(MessageId, SynthesizedIdsAreStableAndDistinct) {
  EXPECT_EQ(synthesized_message_id("a"), "generated.af63dc4c8601ec8c@gongdan.invalid");
  EXPECT_NE(synthesized_message_id("a"), synthesized_message_id("b"));
}

}  // namespace
}  // namespace gongdan::mail
