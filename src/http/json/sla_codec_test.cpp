#include "http/json/sla_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace gongdan::http {
namespace {

namespace sla = domain::sla;

bool has_error(const core::Error& e, const std::string& field, const std::string& code) {
  return std::any_of(e.fields.begin(), e.fields.end(),
                     [&](const core::FieldError& f) { return f.field == field && f.code == code; });
}

TEST(SlaCodec, APatchReplacesOnlyTheFieldsItNames) {
  const auto base = sla::to_input(sla::standard_policy());
  const auto patched = decode_sla_policy(
      nlohmann::json::parse(R"({"enabled": false, "targets": {"high": {"first_response": {"duration": "2h",
        "clock": "calendar"}, "resolution": null}}, "escalation": {"escalation_group_id": 4}})"),
      base);
  ASSERT_TRUE(patched);
  EXPECT_EQ(patched->name, base.name);
  EXPECT_FALSE(patched->enabled);
  const auto& high = patched->targets[2];
  EXPECT_EQ(high[0]->duration, "2h");
  EXPECT_EQ(high[0]->clock, "calendar");
  EXPECT_EQ(high[1]->duration, "8h") << "not named: kept";
  EXPECT_FALSE(high[2]) << "null removes the target";
  EXPECT_EQ(patched->escalation.escalation_group_id, core::GroupId{4});
  EXPECT_TRUE(patched->escalation.notify_supervisors);
}

TEST(SlaCodec, TypeErrorsNameTheirField) {
  const auto refused = decode_sla_policy(
      nlohmann::json::parse(R"({"name": 5, "targets": {"low": {"resolution": {"duration": 3}}}})"), {});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_error(refused.error(), "name", "invalid_type"));
  EXPECT_TRUE(has_error(refused.error(), "targets.low.resolution.duration", "invalid_type"));
}

TEST(SlaCodec, ListsOverTheLimitAreRefusedNotCutToMatchEverything) {
  nlohmann::json categories = nlohmann::json::array();
  for (int i = 1; i <= 202; ++i) categories.push_back(i);
  const auto base = sla::to_input(sla::standard_policy());
  const auto too_many_categories = decode_sla_policy({{"categories", categories}}, base);
  ASSERT_FALSE(too_many_categories);
  EXPECT_TRUE(has_error(too_many_categories.error(), "categories", "too_many"));

  nlohmann::json domains = nlohmann::json::array();
  for (int i = 0; i < 202; ++i) domains.push_back("d" + std::to_string(i) + ".example");
  const auto too_many_domains = decode_sla_policy({{"customer_domains", domains}}, base);
  ASSERT_FALSE(too_many_domains);
  EXPECT_TRUE(has_error(too_many_domains.error(), "customer_domains", "too_many"));
}

TEST(SlaCodec, CalendarsReadAndWriteTheContractShape) {
  const auto definition = decode_sla_calendar(nlohmann::json::parse(R"({"time_zone": "Asia/Shanghai",
      "weekly": {"monday": ["09:00-12:00", "13:30-18:30"]},
      "special_days": [{"date": "2026-02-14", "kind": "workday", "name": "春节调休", "hours": null}]})"));
  ASSERT_TRUE(definition) << definition.error().message;
  sla::StoredCalendar stored{*definition, 1, {"标准服务 Standard"}};
  stored.definition.name = "cn";
  const auto json = sla_calendar_json(stored);
  EXPECT_EQ(json["weekly"]["monday"], nlohmann::json::parse(R"(["09:00-12:00", "13:30-18:30"])"));
  EXPECT_EQ(json["weekly"]["sunday"], nlohmann::json::array());
  EXPECT_EQ(json["special_days"][0]["kind"], "workday");
  EXPECT_TRUE(json["special_days"][0]["hours"].is_null());
  EXPECT_EQ(json["used_by"][0], "标准服务 Standard");
  EXPECT_EQ(json["read_only"], false);

  const auto refused = decode_sla_calendar(nlohmann::json::parse(R"({"time_zone": "Nowhere/Town",
      "weekly": {"friday": ["9-5"]}, "special_days": [{"date": "2026-13-01", "kind": "party"}]})"));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_error(refused.error(), "time_zone", "unknown_time_zone"));
  EXPECT_TRUE(has_error(refused.error(), "weekly.friday[0]", "invalid_interval"));
  EXPECT_TRUE(has_error(refused.error(), "special_days[0].date", "invalid"));
  EXPECT_TRUE(has_error(refused.error(), "special_days[0].kind", "invalid"));
}

TEST(SlaCodec, ReplyByIsNullWhenNothingIsOwed) {
  EXPECT_TRUE(reply_by_json(std::nullopt).is_null());
  const auto json = reply_by_json(sla::ReplyBy{core::from_epoch_ms(0), true, std::nullopt});
  EXPECT_EQ(json["basis"], "queue");
  EXPECT_TRUE(json["holiday"].is_null());
  EXPECT_EQ(json["at"], "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace gongdan::http
