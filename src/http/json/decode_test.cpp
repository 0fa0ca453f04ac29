#include "http/json/decode.hpp"

#include <gtest/gtest.h>

namespace gongdan::http {
namespace {

using nlohmann::json;

TEST(Decode, TicketSubmissionReadsEveryField) {
  const auto s = decode_ticket_submission(json::parse(R"({
    "category_id": 3, "subject": "闪退", "description": "It crashes.", "occurred_at": "2026-11-25T09:30:00+08:00",
    "environment": {"platform": "ios", "os": "iOS 18", "app_version": "5.2.1", "device": "iPhone 15"},
    "urgency": "urgent", "guest": {"name": "Li", "email": "li@example.com"}, "unknown": {"ignored": true}})"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->category_id, 3);
  EXPECT_EQ(s->subject, "闪退");
  EXPECT_EQ(s->occurred_at, "2026-11-25T09:30:00+08:00");
  EXPECT_EQ(s->environment.device, "iPhone 15");
  EXPECT_EQ(s->urgency, "urgent");
  ASSERT_TRUE(s->guest.has_value());
  EXPECT_EQ(s->guest->email, "li@example.com");
}

TEST(Decode, AbsentAndNullAreEmpty) {
  const auto s = decode_ticket_submission(json::parse(R"({"subject": null, "environment": null})"));
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->category_id.has_value());
  EXPECT_EQ(s->subject, "");
  EXPECT_FALSE(s->occurred_at.has_value());
  EXPECT_FALSE(s->guest.has_value());
}

TEST(Decode, WrongTypesNameTheirFieldPaths) {
  const auto s = decode_ticket_submission(json::parse(R"({
    "category_id": "3", "subject": 42, "description": "d", "environment": {"os": ["iOS"]},
    "guest": "li@example.com"})"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().reason, "validation_failed");
  std::vector<std::string> fields;
  for (const auto& e : s.error().fields) {
    EXPECT_EQ(e.code, "invalid_type");
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"category_id", "subject", "environment.os", "guest"}));
}

TEST(Decode, TypeErrorsComeWithTheMissingRequiredFields) {
  const auto s = decode_ticket_submission(json::parse(R"({"category_id": 1, "subject": "", "description": 5})"));
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "subject");
  EXPECT_EQ(s.error().fields[0].code, "required");
  EXPECT_EQ(s.error().fields[1].field, "description");
  EXPECT_EQ(s.error().fields[1].code, "invalid_type");
  // Without a type error, presence is the use case's to check with everything else.
  EXPECT_TRUE(decode_ticket_submission(json::parse(R"({"subject": ""})")).ok());
}

TEST(Decode, LoginAndLookupAlwaysNameMissingFields) {
  const auto login = decode_credentials(json::parse(R"({"password": "xxxxxxxxxx"})"));
  ASSERT_FALSE(login.ok());
  EXPECT_EQ(login.error().fields[0].field, "email");
  EXPECT_EQ(login.error().fields[0].code, "required");
  EXPECT_EQ(decode_credentials(json::parse(R"({"email": "a@b.co", "password": ""})")).error().fields[0].field,
            "password");
  const auto lookup = decode_lookup(json::parse(R"({"email": "a@b.co", "number": null})"));
  ASSERT_FALSE(lookup.ok());
  EXPECT_EQ(lookup.error().fields[0].field, "number");
  EXPECT_EQ(lookup.error().fields[0].code, "required");
  const auto typed = decode_lookup(json::parse(R"({"email": "a@b.co", "number": 261125})"));
  EXPECT_EQ(typed.error().fields[0].code, "invalid_type");
}

TEST(Decode, IntegersMustBeWholeAndFitInt64) {
  EXPECT_FALSE(decode_ticket_submission(json::parse(R"({"category_id": 1.5})")).ok());
  EXPECT_FALSE(decode_ticket_submission(json::parse(R"({"category_id": 18446744073709551615})")).ok());
  EXPECT_EQ(decode_ticket_submission(json::parse(R"({"category_id": -1})"))->category_id, -1);
}

TEST(Decode, MessageReadsInternalOnlyWhenAllowed) {
  const json body = json::parse(R"({"body": "Hi", "internal": true})");
  EXPECT_FALSE(decode_message(body, false)->internal);
  EXPECT_TRUE(decode_message(body, true)->internal);
  const auto wrong = decode_message(json::parse(R"({"body": "Hi", "internal": "yes"})"), true);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields[0].field, "internal");
}

TEST(Decode, AgentRepliesMayCarryTheCollisionCheck) {
  const auto body = json::parse(R"({"body": "Hi", "seen_updated_at": "2026-11-25T09:30:00.000Z", "confirm": true})");
  const auto agent = decode_message(body, true);
  ASSERT_TRUE(agent.ok());
  EXPECT_EQ(agent->seen_updated_at, "2026-11-25T09:30:00.000Z");
  EXPECT_TRUE(agent->confirm);
  const auto customer = decode_message(body, false);
  EXPECT_FALSE(customer->seen_updated_at.has_value());
  EXPECT_FALSE(customer->confirm);
  const auto wrong = decode_message(json::parse(R"({"body": "Hi", "seen_updated_at": 5, "confirm": "yes"})"), true);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.size(), 2U);
  EXPECT_EQ(wrong.error().fields[0].field, "seen_updated_at");
  EXPECT_EQ(wrong.error().fields[1].field, "confirm");
}

TEST(Decode, CredentialsRegistrationUpdateLookup) {
  EXPECT_EQ(decode_credentials(json::parse(R"({"email": "a@b.co", "password": "pw"})"))->password, "pw");
  EXPECT_FALSE(decode_credentials(json::parse(R"({"email": 1, "password": "pw"})")).ok());
  const auto reg = decode_registration(json::parse(R"({"email": "a@b.co", "password": "x", "name": "N"})"));
  ASSERT_TRUE(reg.ok());
  EXPECT_FALSE(reg->locale.has_value());
  const auto update = decode_ticket_update(json::parse(R"({"priority": "high"})"));
  EXPECT_FALSE(update->status.has_value());
  EXPECT_EQ(update->priority, "high");
  EXPECT_EQ(decode_lookup(json::parse(R"({"number": "261125-7k3qz8", "email": "a@b.co"})"))->number, "261125-7k3qz8");
}

}  // namespace
}  // namespace gongdan::http
