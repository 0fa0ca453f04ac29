#include "http/json/encode.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>

#include "http/json/json_writer.hpp"
#include "http/json/sla_codec.hpp"

namespace gongdan::http {
namespace {

core::Timestamp at(std::int64_t ms) { return core::from_epoch_ms(ms); }

TEST(Encode, TicketHasEveryDocumentedField) {
  domain::Ticket t;
  t.number = domain::TicketNumber::make({2026, 11, 25}, {1, 2, 3, 4, 5});
  t.category_id = core::CategoryId{7};
  t.subject = "闪退";
  t.status = domain::Status::kResolved;
  t.priority = domain::Priority::kUrgent;
  t.urgency = domain::Urgency::kUrgent;
  t.customer = {std::nullopt, "Li", "li@example.com"};
  t.created_at = at(1'795'000'000'000);
  t.updated_at = at(1'795'000'000'123);
  t.resolved_at = at(1'795'000'000'123);
  const auto j = ticket_json(t, "账号", at(1'796'209'600'123));
  for (const char* key :
       {"number", "status", "priority", "urgency", "subject", "description", "category", "occurred_at", "environment",
        "customer", "created_at", "updated_at", "resolved_at", "closed_at", "reopen_until"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["number"], t.number.str());
  EXPECT_EQ(j["status"], "resolved");
  EXPECT_EQ(j["priority"], "urgent");
  EXPECT_EQ(j["category"], (nlohmann::json{{"id", 7}, {"name", "账号"}}));
  EXPECT_TRUE(j["occurred_at"].is_null());
  EXPECT_TRUE(j["closed_at"].is_null());
  EXPECT_EQ(j["updated_at"], "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(j["customer"]["guest"], true);
  EXPECT_EQ(j["environment"], (nlohmann::json{{"platform", ""}, {"os", ""}, {"app_version", ""}, {"device", ""}}));
}

TEST(Encode, MessageWithAttachmentsAndEvent) {
  domain::Message m;
  m.id = core::MessageId{9};
  m.author = {core::UserId{1}, "Agent Wang", domain::Role::kAgent};
  m.body = "Fixed.";
  m.internal = true;
  m.attachments.push_back({core::AttachmentId{42}, {}, {}, "截图.png", "image/png", 1234, "key", true});
  const auto j = message_json(m);
  EXPECT_EQ(j["author"], (nlohmann::json{{"name", "Agent Wang"}, {"role", "agent"}}));
  EXPECT_EQ(j["internal"], true);
  ASSERT_EQ(j["attachments"].size(), 1u);
  EXPECT_EQ(j["attachments"][0]["url"], "/api/v1/attachments/42");
  EXPECT_EQ(j["attachments"][0]["size"], 1234);
  EXPECT_FALSE(j["attachments"][0].contains("storage_key"));

  domain::TicketEvent e;
  e.type = domain::EventType::kPriorityChanged;
  e.from = "normal";
  e.to = "high";
  EXPECT_EQ(event_json(e)["type"], "priority_changed");
}

TEST(Encode, UserNeverCarriesThePasswordHash) {
  domain::User u;
  u.password_hash = "$argon2id$secret";
  u.locale = domain::Locale::kEn;
  const auto j = user_json(u);
  EXPECT_EQ(j.dump().find("argon2"), std::string::npos);
  EXPECT_EQ(j["locale"], "en");
  EXPECT_EQ(j["role"], "customer");
}

TEST(Encode, ExcerptKeepsShortTextAndCollapsesWhiteSpace) {
  EXPECT_EQ(excerpt("  打开群聊\n\n就闪退\t了  "), "打开群聊 就闪退 了");
  EXPECT_EQ(excerpt(""), "");
}

TEST(Encode, ExcerptCutsAtACharacterNotAByte) {
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "闪";
  const std::string cut = excerpt(chinese);
  std::string expected;
  for (std::size_t i = 0; i < kExcerptCharacters; ++i) expected += "闪";
  EXPECT_EQ(cut, expected + "…");
  const std::string exact(kExcerptCharacters, 'a');
  EXPECT_EQ(excerpt(exact), exact);  // exactly the limit: nothing cut, no mark
  EXPECT_EQ(excerpt(exact + "b"), exact + "…");
}

// The excerpt as first written, a byte at a time: the run-copying one must say the same.
std::string excerpt_byte_by_byte(std::string_view text) {
  std::string collapsed;
  std::size_t characters = 0;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !collapsed.empty();
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      if (characters + (space ? 1 : 0) >= kExcerptCharacters) return collapsed += "…";
      if (space) {
        collapsed += ' ';
        ++characters;
        space = false;
      }
      ++characters;
    }
    collapsed += c;
  }
  return collapsed;
}

TEST(Encode, ExcerptSaysWhatTheByteByByteExcerptSays) {
  std::mt19937 random(20261206);
  const std::array<std::string_view, 8> pieces{"闪退", " ", "\n\t", "word", "\x80", "\xe9", "a", "  \r"};
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (std::uint32_t n = random() % 200; n > 0; --n) text += pieces[random() % pieces.size()];
    ASSERT_EQ(excerpt(text), excerpt_byte_by_byte(text)) << text;
  }
}

// The streamed lookup answer is the very text the tree it replaced made.
TEST(Encode, LookupTextIsWhatTheTreeWrote) {
  domain::LookupResult result{*domain::TicketNumber::parse("261205-5M91NH"), domain::Status::kOpen, at(1764919502200),
                              "", std::nullopt};
  const domain::sla::ReplyBy plain{at(1764923102200), false, std::nullopt};
  const domain::sla::ReplyBy holiday{
      at(1764923102200), true,
      domain::sla::HolidayNote{"国庆节 National Day \"假\"",
                               std::chrono::year{2026} / std::chrono::October / std::chrono::day{8}}};
  for (const std::string merged : {"", "261201-AAAAAA"}) {
    result.merged_into = merged;
    for (const auto& reply_by : {std::optional<domain::sla::ReplyBy>{}, std::optional(plain), std::optional(holiday)}) {
      const nlohmann::json tree{{"number", result.number.str()},
                                {"status", domain::to_string(result.status)},
                                {"updated_at", core::format_rfc3339(result.updated_at)},
                                {"merged_into", merged.empty() ? nlohmann::json(nullptr) : nlohmann::json(merged)},
                                {"reply_by", reply_by_json(reply_by)}};
      EXPECT_EQ(lookup_text(result, reply_by), write_json(tree)) << merged;
    }
  }
}

TEST(Encode, ListItemsCarryAnExcerptInsteadOfTheDescription) {
  domain::Ticket t;
  t.description = "Line one.\nLine two.";
  const auto item = ticket_json(t, "Login", std::nullopt, TicketText::kExcerpt);
  EXPECT_FALSE(item.contains("description"));
  EXPECT_EQ(item["excerpt"], "Line one. Line two.");
  EXPECT_EQ(ticket_json(t, "Login", std::nullopt)["description"], t.description);
}

TEST(Encode, JsonResponseIsUtf8JsonAndNotCached) {
  const Response r = json_response(201, {{"a", "\xFF"}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

}  // namespace
}  // namespace gongdan::http
