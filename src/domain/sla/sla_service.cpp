#include "domain/sla/sla_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "domain/sla/calendar_csv.hpp"
#include "domain/sla/calendar_ics.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/sla/presets.hpp"

namespace gongdan::domain::sla {
namespace {

core::Status require_admin(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (actor.user->role != Role::kAdmin) {
    return core::Error::forbidden("Only administrators may manage service levels.");
  }
  return core::ok_status();
}

core::Status require_supervisor(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (!actor.user->sees_all_groups()) return core::Error::forbidden("Only supervisors and administrators see reports.");
  return core::ok_status();
}

StoredCalendar always_open_entry() {
  StoredCalendar entry{always_open_calendar().definition(), 0, {}};
  entry.definition.name = std::string(kAlwaysOpenCalendar);
  return entry;
}

int year_of(const SpecialDay& day) { return static_cast<int>(day.date.year()); }

}  // namespace

SlaPolicyInput to_input(const SlaPolicy& policy) {
  SlaPolicyInput input;
  input.name = policy.name;
  input.enabled = policy.enabled;
  input.calendar = policy.calendar;
  for (const auto id : policy.categories) input.categories.push_back(id.value);
  input.customer_domains = policy.customer_domains;
  for (std::size_t p = 0; p < 4; ++p) {
    for (const auto kind : kTargetKinds) {
      if (const auto& t = policy.targets[p][kind]) {
        input.targets[p][static_cast<int>(kind)] =
            SlaTargetInput{format_sla_duration(t->duration), std::string(to_string(t->clock))};
      }
    }
  }
  input.escalation = policy.escalation;
  return input;
}

core::Result<SlaPolicy> SlaService::check(const SlaPolicyInput& input, std::optional<std::int64_t> id) {
  PolicyReferences refs;
  refs.calendars.emplace_back(kAlwaysOpenCalendar);
  for (const auto& c : sla_.calendars()) refs.calendars.push_back(c.definition.name);
  for (const auto& c : catalog_.all_categories()) refs.categories.push_back(c.id);
  for (const auto& g : groups_.list()) refs.groups.push_back(g.id);
  for (const auto& p : sla_.policies()) {
    if (!id || p.id != *id) refs.other_policy_names.push_back(p.name);
  }
  return build_sla_policy(input, refs);
}

core::Result<std::vector<SlaPolicy>> SlaService::policies(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  return sla_.policies();
}

core::Result<SlaPolicy> SlaService::policy(const Actor& actor, std::int64_t id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto found = sla_.find_policy(id);
  if (!found) return core::Error::not_found("No such policy.");
  return std::move(*found);
}

core::Result<SlaPolicy> SlaService::create_policy(const Actor& actor, const SlaPolicyInput& input) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto policy = check(input, std::nullopt);
  if (!policy) return policy.take_error();
  return sla_.create_policy(*policy);
}

core::Result<SlaPolicy> SlaService::update_policy(const Actor& actor, std::int64_t id, const SlaPolicyInput& input) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  const auto current = sla_.find_policy(id);
  if (!current) return core::Error::not_found("No such policy.");
  auto policy = check(input, id);
  if (!policy) return policy.take_error();
  policy->id = id;
  policy->position = current->position;
  return sla_.update_policy(*policy, clock_.now());
}

core::Status SlaService::delete_policy(const Actor& actor, std::int64_t id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed;
  return sla_.delete_policy(id, clock_.now());
}

core::Result<std::vector<SlaPolicy>> SlaService::reorder_policies(const Actor& actor,
                                                                  const std::vector<std::int64_t>& ids) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  return sla_.reorder_policies(ids);
}

core::Result<std::vector<StoredCalendar>> SlaService::calendars(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto list = sla_.calendars();
  auto builtin = always_open_entry();
  for (const auto& p : sla_.policies()) {
    if (p.calendar == kAlwaysOpenCalendar) builtin.used_by.push_back(p.name);
  }
  list.insert(list.begin(), std::move(builtin));
  return list;
}

core::Result<StoredCalendar> SlaService::calendar(const Actor& actor, const std::string& name) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  if (name == kAlwaysOpenCalendar) return always_open_entry();
  auto found = sla_.find_calendar(name);
  if (!found) return core::Error::not_found("No such calendar.");
  return std::move(*found);
}

core::Result<StoredCalendar> SlaService::put_calendar(const Actor& actor, const std::string& name,
                                                      CalendarDefinition definition) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  if (name == kAlwaysOpenCalendar) return core::Error::conflict("read_only", "The 24x7 calendar is built in.");
  definition.name = name;
  if (auto problems = check_calendar_definition(definition); !problems.empty()) {
    return core::Error::validation(std::move(problems));
  }
  if (auto saved = sla_.save_calendar(definition, clock_.now()); !saved) return saved.take_error();
  auto stored = sla_.find_calendar(name);
  if (!stored) return core::Error::unavailable("The calendar could not be read back.");
  return std::move(*stored);
}

core::Status SlaService::delete_calendar(const Actor& actor, const std::string& name) {
  if (auto allowed = require_admin(actor); !allowed) return allowed;
  if (name == kAlwaysOpenCalendar) return core::Error::conflict("read_only", "The 24x7 calendar is built in.");
  return sla_.delete_calendar(name);
}

core::Result<CalendarImport> SlaService::import_days(const Actor& actor, const std::string& name, std::string_view text,
                                                     CalendarFormat format) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  if (name == kAlwaysOpenCalendar) return core::Error::conflict("read_only", "The 24x7 calendar is built in.");
  auto current = sla_.find_calendar(name);
  if (!current) return core::Error::not_found("No such calendar.");
  auto days = format == CalendarFormat::kIcs ? parse_calendar_ics(text) : parse_calendar_csv(text);
  if (!days) return days.take_error();
  std::set<int> years;
  for (const auto& day : *days) years.insert(year_of(day));
  CalendarImport report;
  report.imported = static_cast<int>(days->size());
  report.years.assign(years.begin(), years.end());
  CalendarDefinition definition = current->definition;
  const auto before = definition.special_days.size();
  std::erase_if(definition.special_days, [&](const SpecialDay& d) { return years.contains(year_of(d)); });
  report.replaced = static_cast<int>(before - definition.special_days.size());
  definition.special_days.insert(definition.special_days.end(), days->begin(), days->end());
  std::sort(definition.special_days.begin(), definition.special_days.end(),
            [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  if (auto problems = check_calendar_definition(definition); !problems.empty()) {
    return core::Error::validation(std::move(problems));
  }
  if (auto saved = sla_.save_calendar(definition, clock_.now()); !saved) return saved.take_error();
  auto stored = sla_.find_calendar(name);
  if (!stored) return core::Error::unavailable("The calendar could not be read back.");
  report.calendar = std::move(*stored);
  return report;
}

core::Result<std::string> SlaService::export_days(const Actor& actor, const std::string& name, CalendarFormat format) {
  auto found = calendar(actor, name);
  if (!found) return found.take_error();
  const auto& days = found->definition.special_days;
  if (format == CalendarFormat::kIcs) return format_calendar_ics(name, days);
  return format_calendar_csv(days, "Gongdan calendar " + name + ": date,kind,name[,hours]");
}

core::Result<BusinessCalendar> SlaService::calendar_for(const std::string& name) {
  if (name == kAlwaysOpenCalendar) return always_open_calendar();
  auto stored = sla_.find_calendar(name);
  if (!stored) return core::Error::not_found("No such calendar.");
  return calendars_.get(stored->definition, stored->revision);
}

std::optional<TicketSlaView> SlaService::staff_view(const Ticket& ticket) {
  const auto record = sla_.record_of(ticket.id);
  if (!record || !record->policy_id) return std::nullopt;
  const auto policy = sla_.find_policy(*record->policy_id);
  if (!policy) return std::nullopt;
  auto business = calendar_for(policy->calendar);
  if (!business) return std::nullopt;
  const auto around = always_open_calendar();
  const SlaContext context{&policy->targets_for(ticket.priority), &*business, &around};
  const auto now = clock_.now();
  auto status = evaluate(*record, context, now);
  TicketSlaView view{policy->name, status.state_at(now), std::move(status.targets)};
  // A breach recorded on a target that still runs (its due time moved with a priority change)
  // keeps the ticket breached.
  for (const auto& recorded : sla_.recorded_targets(ticket.id)) {
    if (recorded.kind != "breached") continue;
    for (auto& t : view.targets) {
      if (t.kind == recorded.target && t.cycle == recorded.cycle && !t.finished_at) {
        view.state = SlaState::kBreached;
      }
    }
  }
  return view;
}

SlaState SlaService::list_state(const Ticket& ticket) const {
  const auto now = clock_.now();
  if (ticket.sla_due_at && now >= *ticket.sla_due_at) return SlaState::kBreached;
  if (ticket.sla_warn_at && now >= *ticket.sla_warn_at) return SlaState::kWarning;
  return SlaState::kOk;
}

std::optional<ReplyBy> SlaService::customer_reply_by(const Ticket& ticket) {
  return std::move(customer_reply_by(std::span<const Ticket>(&ticket, 1)).front());
}

namespace {

bool owes_reply(const Ticket& ticket) {
  return is_active(ticket.status) && ticket.status != Status::kPending &&
         (ticket.first_response_due_at || ticket.next_response_due_at);
}

}  // namespace

std::vector<std::optional<ReplyBy>> SlaService::customer_reply_by(std::span<const Ticket> tickets) {
  std::vector<std::optional<ReplyBy>> answers(tickets.size());
  std::vector<const Ticket*> owed;
  for (const Ticket& ticket : tickets) {
    if (owes_reply(ticket)) owed.push_back(&ticket);
  }
  if (owed.empty()) return answers;
  const auto now = clock_.now();
  const auto facts = sla_.reply_facts(owed, now);
  // A page's tickets share one or two calendars: each holiday note is worked out once.
  std::map<std::string, std::optional<HolidayNote>, std::less<>> holidays;
  for (std::size_t i = 0, o = 0; i < tickets.size() && o < owed.size(); ++i) {
    if (&tickets[i] != owed[o]) continue;
    const ReplyFacts& fact = facts[o++];
    std::optional<HolidayNote> holiday;
    if (!fact.calendar.empty()) {
      auto known = holidays.find(fact.calendar);
      if (known == holidays.end()) {
        known = holidays.emplace(fact.calendar, holiday_of(fact.calendar, fact.calendar_revision, now)).first;
      }
      holiday = known->second;
    }
    const Ticket& ticket = tickets[i];
    const auto due = ticket.first_response_due_at ? ticket.first_response_due_at : ticket.next_response_due_at;
    answers[i] = reply_by(due, queue_estimate(fact.queue, now), std::move(holiday), now);
  }
  return answers;
}

std::optional<HolidayNote> SlaService::holiday_of(const std::string& calendar, std::int64_t revision,
                                                  core::Timestamp now) {
  if (auto cached = calendars_.find(calendar, revision)) return holiday_at(*cached, now);
  if (auto business = calendar_for(calendar)) return holiday_at(*business, now);
  return std::nullopt;
}

core::Result<SlaReport> SlaService::report(const Actor& actor, std::string_view from_text, std::string_view to_text) {
  if (auto allowed = require_supervisor(actor); !allowed) return allowed.take_error();
  const auto from = parse_iso_date(from_text);
  const auto to = parse_iso_date(to_text);
  std::vector<core::FieldError> errors;
  if (!from) errors.push_back({"from", "invalid", "Write the date as YYYY-MM-DD."});
  if (!to) errors.push_back({"to", "invalid", "Write the date as YYYY-MM-DD."});
  if (from && to) {
    const auto days = (std::chrono::sys_days{*to} - std::chrono::sys_days{*from}).count() + 1;
    if (days < 1) errors.push_back({"to", "before_from", "The period ends before it starts."});
    if (days > kMaxReportDays) errors.push_back({"to", "too_long", "A report covers at most 366 days."});
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  auto zone = core::TimeZone::locate("Asia/Shanghai");
  if (!zone) return zone.take_error();
  const auto start =
      zone->to_utc(core::LocalTime{std::chrono::local_days{std::chrono::sys_days{*from}.time_since_epoch()}});
  const auto end = zone->to_utc(
      core::LocalTime{std::chrono::local_days{(std::chrono::sys_days{*to} + std::chrono::days{1}).time_since_epoch()}});
  return build_report(*from, *to, sla_.created_by_priority(start, end), sla_.finished_samples(start, end, *zone));
}

core::Result<CheckPass> SlaService::run_checks(std::optional<core::Timestamp> now) {
  auto pass = sla_.run_checks(now.value_or(clock_.now()), kCheckBatch, mail_);
  if (!pass) return pass.take_error();
  if (publisher_) {
    for (const auto& activity : pass->activities) publisher_->publish(activity);
  }
  return pass;
}

core::Result<CheckPass> SlaService::preview_checks(std::optional<core::Timestamp> now) {
  return sla_.preview_checks(now.value_or(clock_.now()), kPreviewLimit, mail_);
}

int SlaService::check_round() {
  auto pass = run_checks();
  // The job reports what a round throws (PeriodicJob's on_error) and tries again after its wait; a
  // failed pass must not pass silently. Single tickets that failed went to the store's error sink.
  if (!pass) throw std::runtime_error("sla check pass failed: " + pass.error().message);
  return pass->tickets_checked >= kCheckBatch ? pass->tickets_checked : 0;
}

}  // namespace gongdan::domain::sla
