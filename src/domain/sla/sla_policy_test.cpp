#include "domain/sla/sla_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace gongdan::domain::sla {
namespace {

bool has_error(const core::Error& e, const std::string& field, const std::string& code) {
  return std::any_of(e.fields.begin(), e.fields.end(),
                     [&](const core::FieldError& f) { return f.field == field && f.code == code; });
}

PolicyReferences refs() {
  PolicyReferences r;
  r.calendars = {"24x7", "cn-mainland-2026"};
  r.categories = {core::CategoryId{1}, core::CategoryId{2}};
  r.groups = {core::GroupId{1}};
  r.other_policy_names = {"标准服务 Standard"};
  return r;
}

TEST(SlaPolicy, BuildsAValidInput) {
  SlaPolicyInput input;
  input.name = "VIP";
  input.categories = {2, 2};
  input.customer_domains = {"vip.example.com"};
  input.targets[3][0] = SlaTargetInput{"30m", "calendar"};
  input.escalation.escalation_group_id = core::GroupId{1};
  const auto policy = build_sla_policy(input, refs());
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_EQ(policy->categories, std::vector<core::CategoryId>{core::CategoryId{2}}) << "listed once";
  const auto& urgent = policy->targets_for(Priority::kUrgent)[TargetKind::kFirstResponse];
  ASSERT_TRUE(urgent);
  EXPECT_EQ(urgent->duration.time, std::chrono::minutes{30});
  EXPECT_EQ(urgent->clock, TargetClock::kCalendar);
  EXPECT_FALSE(policy->targets_for(Priority::kHigh)[TargetKind::kFirstResponse]);
}

TEST(SlaPolicy, NamesEveryProblemField) {
  SlaPolicyInput input;
  input.name = "标准服务 Standard";
  input.calendar = "nowhere";
  input.categories = {9};
  input.customer_domains = {"Vip.Example.com", "nodot"};
  input.targets[2][0] = SlaTargetInput{"90", "sometimes"};
  input.escalation.escalation_group_id = core::GroupId{7};
  const auto policy = build_sla_policy(input, refs());
  ASSERT_FALSE(policy);
  const auto& e = policy.error();
  EXPECT_TRUE(has_error(e, "name", "duplicate"));
  EXPECT_TRUE(has_error(e, "calendar", "unknown_calendar"));
  EXPECT_TRUE(has_error(e, "categories[0]", "unknown_category"));
  EXPECT_TRUE(has_error(e, "customer_domains[0]", "invalid"));
  EXPECT_TRUE(has_error(e, "customer_domains[1]", "invalid"));
  EXPECT_TRUE(has_error(e, "targets.high.first_response.duration", "invalid"));
  EXPECT_TRUE(has_error(e, "targets.high.first_response.clock", "invalid"));
  EXPECT_TRUE(has_error(e, "escalation.escalation_group_id", "unknown_group"));
  SlaPolicyInput unnamed;
  EXPECT_TRUE(has_error(build_sla_policy(unnamed, refs()).error(), "name", "required"));
}

TEST(SlaPolicy, TheFirstEnabledMatchingPolicyByPositionApplies) {
  SlaPolicy vip = standard_policy();
  vip.id = 2;
  vip.name = "VIP";
  vip.position = 1;
  vip.customer_domains = {"vip.example.com"};
  SlaPolicy billing = standard_policy();
  billing.id = 3;
  billing.position = 2;
  billing.categories = {core::CategoryId{5}};
  SlaPolicy standard = standard_policy();
  standard.id = 1;
  standard.position = 3;
  const std::vector<SlaPolicy> all{standard, billing, vip};
  EXPECT_EQ(select_policy(all, core::CategoryId{5}, "Li@VIP.example.com")->id, 2);
  EXPECT_EQ(select_policy(all, core::CategoryId{5}, "li@example.com")->id, 3);
  EXPECT_EQ(select_policy(all, core::CategoryId{1}, "li@example.com")->id, 1);
  auto disabled = all;
  disabled[2].enabled = false;
  EXPECT_EQ(select_policy(disabled, core::CategoryId{5}, "li@vip.example.com")->id, 3);
  std::vector<SlaPolicy> only_vip{vip};
  EXPECT_EQ(select_policy(only_vip, core::CategoryId{1}, "li@example.com"), nullptr) << "no targets";
}

TEST(SlaPolicy, TheStandardPolicyIsTheContractsTable) {
  const auto p = standard_policy();
  const auto text = [&](Priority pr, TargetKind k) {
    const auto& t = p.targets_for(pr)[k];
    return format_sla_duration(t->duration) + " " + std::string(to_string(t->clock));
  };
  EXPECT_EQ(text(Priority::kUrgent, TargetKind::kFirstResponse), "1h calendar");
  EXPECT_EQ(text(Priority::kUrgent, TargetKind::kResolution), "1d calendar");
  EXPECT_EQ(text(Priority::kHigh, TargetKind::kNextResponse), "8h business");
  EXPECT_EQ(text(Priority::kNormal, TargetKind::kFirstResponse), "24h calendar");
  EXPECT_EQ(text(Priority::kNormal, TargetKind::kResolution), "5d business");
  EXPECT_EQ(text(Priority::kLow, TargetKind::kResolution), "10d business");
  EXPECT_TRUE(p.escalation.notify_supervisors);
  EXPECT_FALSE(p.escalation.raise_priority);
  EXPECT_EQ(raised(Priority::kLow), Priority::kNormal);
  EXPECT_EQ(raised(Priority::kHigh), Priority::kUrgent);
  EXPECT_EQ(raised(Priority::kUrgent), Priority::kUrgent);
  EXPECT_TRUE(is_valid_mail_domain("vip.example.com"));
  EXPECT_FALSE(is_valid_mail_domain("-a.com"));
  EXPECT_EQ(email_domain("Li@VIP.Example.com"), "vip.example.com");
}

}  // namespace
}  // namespace gongdan::domain::sla
