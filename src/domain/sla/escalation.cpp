#include "domain/sla/escalation.hpp"

#include "domain/mail/local_time_text.hpp"
#include "domain/rules/rule.hpp"

namespace gongdan::domain::sla {
namespace {

std::string target_label(TargetKind target, Locale locale) {
  const bool zh = locale == Locale::kZhCn;
  switch (target) {
    case TargetKind::kFirstResponse: return zh ? "首次响应" : "first response";
    case TargetKind::kNextResponse: return zh ? "后续响应" : "next response";
    case TargetKind::kResolution: return zh ? "解决" : "resolution";
  }
  return {};
}

std::string cycle_text(int cycle) { return cycle > 0 ? std::to_string(cycle) : std::string{}; }

}  // namespace

AuthorRef sla_author() { return {std::nullopt, "服务级别 SLA", Role::kAgent}; }

NewEvent warning_event(TargetKind target, int cycle) {
  return {EventType::kSlaWarning, cycle_text(cycle), std::string(to_string(target)), sla_author()};
}

EscalationPlan plan_escalation(const Ticket& ticket, const EscalationActions& actions, const Breach& breach,
                               const std::string& group_name, const std::vector<Supervisor>& supervisors,
                               const EscalationMailSettings& settings) {
  EscalationPlan plan{ticket, {}, {}};
  plan.events.push_back(
      {EventType::kSlaBreached, cycle_text(breach.cycle), std::string(to_string(breach.target)), sla_author()});
  // The actions are signed by the neutral automation author the rules use: customers see a
  // priority change, and its author must not tell them a target was missed. Staff read the
  // sla_breached event just before it.
  const AuthorRef author = automation_author();
  Ticket& t = plan.updated;
  if (actions.raise_priority && t.priority != Priority::kUrgent) {
    const Priority up = raised(t.priority);
    plan.events.push_back(
        {EventType::kPriorityChanged, std::string(to_string(t.priority)), std::string(to_string(up)), author});
    t.priority = up;
  }
  if (actions.escalation_group_id && actions.escalation_group_id != t.group_id) {
    plan.events.push_back({EventType::kGroupChanged, t.group_name, group_name, author});
    t.group_id = actions.escalation_group_id;
    t.group_name = group_name;
    if (t.assignee_id) {
      plan.events.push_back({EventType::kAssigneeChanged, t.assignee_name, "", author});
      t.assignee_id.reset();
      t.assignee_name.clear();
    }
  }
  if (actions.notify_supervisors) {
    for (const auto& s : supervisors) {
      OutgoingMail mail;
      mail.kind = MailKind::kSlaBreached;
      mail.to_email = s.email;
      mail.to_name = s.name;
      mail.locale = s.locale;
      mail.ticket_id = t.id;
      mail.ticket_number = t.number.str();
      auto& v = mail.values.values;
      v["customer.name"] = s.name;  // the greeting names the recipient
      v["ticket.number"] = t.number.str();
      v["ticket.subject"] = t.subject;
      v["ticket.priority"] = std::string(to_string(t.priority));
      v["ticket.group"] = t.group_name;
      v["ticket.assignee"] = t.assignee_name;
      v["sla.target"] = target_label(breach.target, s.locale);
      // Staff read times in Beijing time, the help desk's zone (docs/sla.md).
      v["sla.due_at"] = local_time_text(breach.due_at, std::chrono::hours{8}, s.locale);
      v["agent_link"] = settings.public_url + "/agent/tickets/" + t.number.str();
      v["site.name"] = settings.site_name;
      v["site.url"] = settings.public_url;
      plan.effects.mails.push_back(std::move(mail));
    }
  }
  return plan;
}

}  // namespace gongdan::domain::sla
