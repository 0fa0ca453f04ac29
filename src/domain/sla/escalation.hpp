#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "domain/mail/outgoing_mail.hpp"
#include "domain/sla/sla_policy.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::domain::sla {

/// Who a breach notice goes to.
struct Supervisor {
  core::UserId id;
  std::string name;
  std::string email;
  Locale locale = Locale::kZhCn;
};

/// A breach the job just recorded for the first time.
struct Breach {
  TargetKind target = TargetKind::kFirstResponse;
  int cycle = 0;
  core::Timestamp due_at;
};

/// What a breach notice mail shows besides the ticket.
struct EscalationMailSettings {
  std::string public_url = "http://127.0.0.1:8080";  // no trailing slash
  std::string site_name = "Gongdan";
};

/// The actions of a breach, decided from the ticket's state inside the job's transaction.
struct EscalationPlan {
  Ticket updated;                // priority raised and/or moved to the escalation group
  std::vector<NewEvent> events;  // sla_breached first, then the changes it made
  MailEffects effects;           // a notice to every supervisor
};

/// The author of the events the SLA job records.
AuthorRef sla_author();

/// The `sla_warning` event of a target reaching 75 % (to: the target, from: the cycle or "").
NewEvent warning_event(TargetKind target, int cycle);

/// Plans a breach's escalation: the `sla_breached` event, then (per the policy's actions) a
/// priority one step up, the move to the escalation group named `group_name` with the assignee
/// cleared, and a notice to each supervisor in their language.
EscalationPlan plan_escalation(const Ticket& ticket, const EscalationActions& actions, const Breach& breach,
                               const std::string& group_name, const std::vector<Supervisor>& supervisors,
                               const EscalationMailSettings& settings);

}  // namespace gongdan::domain::sla
