#include "domain/sla/escalation.hpp"

#include <gtest/gtest.h>

#include "domain/rules/rule.hpp"
#include "domain/sla/sla_test_support.hpp"

namespace gongdan::domain::sla {
namespace {

using testing::at;

Ticket ticket() {
  Ticket t;
  t.id = core::TicketId{7};
  t.number = TicketNumber::make({2026, 3, 2}, {1, 2, 3, 4, 5});
  t.subject = "闪退";
  t.priority = Priority::kHigh;
  t.group_id = core::GroupId{1};
  t.group_name = "一线支持 First line";
  t.assignee_id = core::UserId{3};
  t.assignee_name = "王芳";
  return t;
}

std::string t_number() { return ticket().number.str(); }

const std::vector<Supervisor> kSupervisors{{core::UserId{1}, "李主管", "li@example.com", Locale::kZhCn},
                                           {core::UserId{2}, "Sam", "sam@example.com", Locale::kEn}};

TEST(Escalation, RecordsTheBreachAndRunsEachAction) {
  EscalationActions actions{true, true, core::GroupId{2}};
  const auto plan = plan_escalation(ticket(), actions, {TargetKind::kFirstResponse, 0, at("2026-03-02T14:00:00+08:00")},
                                    "二线 Escalations", kSupervisors, {});
  ASSERT_EQ(plan.events.size(), 4u);
  EXPECT_EQ(plan.events[0].type, EventType::kSlaBreached);
  EXPECT_EQ(plan.events[0].to, "first_response");
  EXPECT_EQ(plan.events[1].type, EventType::kPriorityChanged);
  EXPECT_EQ(plan.events[1].to, "urgent");
  EXPECT_EQ(plan.events[2].type, EventType::kGroupChanged);
  EXPECT_EQ(plan.events[3].type, EventType::kAssigneeChanged);
  // Customers see priority changes: the actions' author does not name the SLA.
  EXPECT_EQ(plan.events[0].author.name, sla_author().name) << "sla_breached is staff-only";
  for (std::size_t i = 1; i < plan.events.size(); ++i) {
    EXPECT_EQ(plan.events[i].author.name, automation_author().name);
    EXPECT_EQ(plan.events[i].author.name.find("SLA"), std::string::npos);
  }
  EXPECT_EQ(plan.updated.priority, Priority::kUrgent);
  EXPECT_EQ(plan.updated.group_id, core::GroupId{2});
  EXPECT_FALSE(plan.updated.assignee_id) << "the escalation group picks who answers";
  ASSERT_EQ(plan.effects.mails.size(), 2u);
  EXPECT_EQ(plan.effects.mails[0].kind, MailKind::kSlaBreached);
  EXPECT_EQ(plan.effects.mails[0].to_email, "li@example.com");
  EXPECT_EQ(plan.effects.mails[0].values.values.at("sla.target"), "首次响应");
  EXPECT_EQ(plan.effects.mails[1].values.values.at("sla.target"), "first response");
  EXPECT_EQ(plan.effects.mails[1].values.values.at("agent_link"), "http://127.0.0.1:8080/agent/tickets/" + t_number());
}

TEST(Escalation, OnlyWhatThePolicyAsks) {
  EscalationActions notify_only{false, false, std::nullopt};
  auto t = ticket();
  t.priority = Priority::kUrgent;
  const auto plan = plan_escalation(t, notify_only, {TargetKind::kNextResponse, 2, at("2026-03-02T14:00:00+08:00")}, "",
                                    kSupervisors, {});
  ASSERT_EQ(plan.events.size(), 1u);
  EXPECT_EQ(plan.events[0].from, "2") << "the cycle";
  EXPECT_TRUE(plan.effects.mails.empty());
  EXPECT_EQ(plan.updated.assignee_id, t.assignee_id);
  const auto warning = warning_event(TargetKind::kResolution, 0);
  EXPECT_EQ(warning.type, EventType::kSlaWarning);
  EXPECT_EQ(warning.from, "");
  EXPECT_EQ(warning.to, "resolution");
}

}  // namespace
}  // namespace gongdan::domain::sla
