#include "http/realtime/live_protocol.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "domain/tickets/ticket_number.hpp"

namespace gongdan::http {
namespace {

using Kind = ClientMessage::Kind;

std::string a_number() { return domain::TicketNumber::make({2026, 11, 18}, {1, 2, 3, 4, 5}).str(); }

TEST(LiveProtocol, ReadsTheThreeClientFrames) {
  const auto watch = parse_client_message(R"({"type":"watch","number":")" + a_number() + R"("})");
  ASSERT_TRUE(watch);
  EXPECT_EQ(watch->kind, Kind::kWatch);
  EXPECT_EQ(watch->number, a_number());
  EXPECT_EQ(parse_client_message(R"({"type":"unwatch"})")->kind, Kind::kUnwatch);
  const auto typing = parse_client_message(R"({"type":"typing","number":")" + a_number() + R"(","typing":true})");
  ASSERT_TRUE(typing);
  EXPECT_EQ(typing->kind, Kind::kTyping);
  EXPECT_TRUE(typing->typing);
}

TEST(LiveProtocol, NumbersAreReadLikeTypedOnesAndComeOutCanonical) {
  std::string sloppy = a_number();
  for (char& c : sloppy) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto watch = parse_client_message(R"({"type":"watch","number":")" + sloppy + R"("})");
  ASSERT_TRUE(watch);
  EXPECT_EQ(watch->number, a_number());
}

TEST(LiveProtocol, AnythingElseIsABadMessage) {
  const std::string n = a_number();
  for (const std::string& text : std::vector<std::string>{
           "",
           "null",
           "[]",
           "42",
           "\"watch\"",
           "{",
           "{}",
           R"({"type":1})",
           R"({"type":"subscribe"})",
           R"({"type":"watch"})",
           R"({"type":"watch","number":42})",
           R"({"type":"watch","number":"261118-AAAAAA"})",
           R"({"type":"typing","number":")" + n + R"("})",
           R"({"type":"typing","number":")" + n + R"(","typing":"yes"})",
           R"({"type":"watch","number":")" + std::string(1000, '1') + R"("})",
           "\xff\xfe{}",
           R"({"type":"watch","number":")" + n + R"(",})",
       }) {
    const auto parsed = parse_client_message(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().reason, "bad_message") << text;
  }
}

// Fuzz-ish: random bytes, random mutations of valid frames and deep nesting never throw or crash,
// and whatever parses is one of the three frames with a canonical number.
TEST(LiveProtocol, HostileInputNeverThrows) {
  std::mt19937 rng(20261118);
  const std::vector<std::string> seeds{
      R"({"type":"watch","number":")" + a_number() + R"("})",
      R"({"type":"typing","number":")" + a_number() + R"(","typing":false})",
      R"({"type":"unwatch"})",
  };
  std::size_t accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    if (round % 4 == 0) {
      text.resize(rng() % 64);
      for (char& c : text) c = static_cast<char>(rng() % 256);
    } else {
      text = seeds[rng() % seeds.size()];
      for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0 && !text.empty(); --edits) {
        const std::size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0: text[at] = static_cast<char>(rng() % 256); break;
          case 1: text.erase(at, 1); break;
          default: text.insert(at, 1, "{}[]\",:\\0e-"[rng() % 11]); break;
        }
      }
    }
    core::Result<ClientMessage> parsed = core::Error::invalid("x", "x");
    ASSERT_NO_THROW(parsed = parse_client_message(text)) << text;
    if (parsed) {
      ++accepted;
      if (parsed->kind != Kind::kUnwatch) {
        EXPECT_TRUE(domain::TicketNumber::parse(parsed->number)) << text;
      }
    }
  }
  EXPECT_GT(accepted, 0U);
  EXPECT_NO_THROW((void)parse_client_message(std::string(4096, '[')));
  EXPECT_NO_THROW((void)parse_client_message(std::string(2048, '[') + std::string(2048, ']')));
}

TEST(LiveProtocol, FramesCarryTheDocumentedFields) {
  domain::TicketActivity activity;
  activity.kind = domain::ActivityKind::kMessageAdded;
  activity.number = a_number();
  activity.status = domain::Status::kOpen;
  activity.priority = domain::Priority::kUrgent;
  activity.updated_at = core::from_epoch_ms(1'795'000'000'123);
  activity.group_id = core::GroupId{3};
  const auto ticket = nlohmann::json::parse(ticket_frame(activity));
  EXPECT_EQ(ticket, nlohmann::json::parse(R"({"type":"ticket","number":")" + a_number() +
                                          R"(","group_id":3,"assignee_id":null,"status":"open","priority":"urgent",)"
                                          R"("updated_at":"2026-11-18T11:06:40.123Z","change":"message"})"));
  const auto presence = nlohmann::json::parse(presence_frame(a_number(), {{7, "王芳", true}, {9, "Li Lei", false}}));
  EXPECT_EQ(presence["type"], "presence");
  EXPECT_EQ(presence["viewers"][0], nlohmann::json::parse(R"({"id":7,"name":"王芳","typing":true})"));
  EXPECT_EQ(nlohmann::json::parse(error_frame("bad_message"))["code"], "bad_message");
  // Invalid UTF-8 in a name never makes an invalid frame.
  const auto replaced = nlohmann::json::parse(presence_frame(a_number(), {{1, "\xff", false}}));
  EXPECT_EQ(replaced["viewers"][0]["name"], "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace gongdan::http
