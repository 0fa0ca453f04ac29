#include "storage/repositories/ticket_sla_writer.hpp"

#include <map>
#include <string>

#include "domain/sla/calendar_cache.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/sla/presets.hpp"
#include "domain/sla/special_day.hpp"
#include "domain/sla/working_hours.hpp"
#include "storage/repositories/rows.hpp"

namespace gongdan::storage {
namespace {

namespace sla = domain::sla;
using core::Timestamp;

// Built calendars are shared by every connection of the process; a save bumps the revision.
sla::CalendarCache& calendar_cache() {
  static sla::CalendarCache cache;
  return cache;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  for (std::size_t start = 0; start < text.size();) {
    const auto comma = std::min(text.find(',', start), text.size());
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

std::optional<std::int64_t> ms(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return core::to_epoch_ms(*t);
}

std::optional<Timestamp> time_of(const sql::Statement& row, int column) {
  if (const auto v = row.optional_int64(column)) return core::from_epoch_ms(*v);
  return std::nullopt;
}

void read_targets(sql::Connection& db, std::map<std::int64_t, sla::SlaPolicy*>& by_id) {
  auto query = db.cached("SELECT policy_id, priority, target, duration, clock FROM sla_targets");
  while (query->step()) {
    const auto it = by_id.find(query->int64(0));
    const auto priority = query->int64(1);
    const auto kind = sla::parse_target_kind(query->text(2));
    const auto duration = sla::parse_sla_duration(query->text(3));
    const auto clock = sla::parse_target_clock(query->text(4));
    if (it == by_id.end() || priority < 0 || priority > 3 || !kind || !duration || !clock) continue;
    it->second->targets[static_cast<std::size_t>(priority)][*kind] = sla::SlaTarget{*duration, *clock};
  }
}

sla::SlaPolicy read_policy(const sql::Statement& row) {
  sla::SlaPolicy policy;
  policy.id = row.int64(0);
  policy.name = row.text(1);
  policy.position = row.int32(2);
  policy.enabled = row.boolean(3);
  policy.calendar = row.text(4);
  for (const auto& id : split_list(row.text(5))) policy.categories.push_back(core::CategoryId{std::stoll(id)});
  policy.customer_domains = split_list(row.text(6));
  policy.escalation.notify_supervisors = row.boolean(7);
  policy.escalation.raise_priority = row.boolean(8);
  if (const auto group = row.optional_int64(9)) policy.escalation.escalation_group_id = core::GroupId{*group};
  return policy;
}

constexpr std::string_view kSelectPolicy =
    "SELECT id, name, position, enabled, calendar, categories, customer_domains, notify_supervisors, "
    "raise_priority, escalation_group_id FROM sla_policies ";

void save_record(sql::Connection& db, core::TicketId ticket, const sla::TicketSlaRecord& r, bool insert) {
  auto write = db.cached(
      insert ? "INSERT INTO ticket_sla (clock, first_response_at, cycle, cycle_started_at, cycle_finished_at, "
               "resolved_at, closed, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
             : "UPDATE ticket_sla SET clock = ?, first_response_at = ?, cycle = ?, cycle_started_at = ?, "
               "cycle_finished_at = ?, resolved_at = ?, closed = ? WHERE ticket_id = ?");
  write
      ->bind_all(sla::format_clock_history(r.clock), ms(r.first_response_at), r.cycle, ms(r.cycle_started_at),
                 ms(r.cycle_finished_at), ms(r.resolved_at), r.closed, ticket.value)
      .run();
}

struct Measured {
  std::optional<sla::SlaPolicy> policy;
  std::optional<sla::BusinessCalendar> business;
  sla::BusinessCalendar around = sla::always_open_calendar();
  sla::SlaContext context(domain::Priority priority) const {
    if (!policy || !business) return {};
    return {&policy->targets_for(priority), &*business, &around};
  }
};

Measured measured_by(sql::Connection& db, std::optional<std::int64_t> policy_id) {
  Measured m;
  if (!policy_id) return m;
  m.policy = load_sla_policy(db, *policy_id);
  if (m.policy) m.business = load_business_calendar(db, m.policy->calendar);
  return m;
}

void write_due_times(sql::Connection& db, core::TicketId ticket, std::optional<std::int64_t> policy_id,
                     const sla::SlaStatus& status, std::optional<Timestamp> next_check) {
  auto update = db.cached(
      "UPDATE tickets SET sla_policy_id = ?, first_response_due_at = ?, next_response_due_at = ?, "
      "resolution_due_at = ?, sla_due_at = ?, sla_warn_at = ?, sla_next_check_at = ? WHERE id = ?");
  update
      ->bind_all(policy_id, ms(status.first_response_due), ms(status.next_response_due), ms(status.resolution_due),
                 ms(status.earliest_due), ms(status.earliest_warn), ms(next_check), ticket.value)
      .run();
}

void record_finished(sql::Connection& db, core::TicketId ticket, const sla::FinishedTarget& f,
                     domain::Priority priority) {
  // A reopened ticket solved again keeps the record of its first solve.
  auto earlier = db.cached(
      "SELECT 1 FROM sla_events WHERE ticket_id = ? AND target = ? AND cycle = ? AND kind IN ('met', 'missed')");
  if (earlier->bind_all(ticket.value, sla::to_string(f.kind), f.cycle).step()) return;
  auto insert = db.cached(
      "INSERT INTO sla_events (ticket_id, kind, target, cycle, at, priority, started_at, due_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, kind, target, cycle) DO NOTHING");
  insert
      ->bind_all(ticket.value, f.met ? "met" : "missed", sla::to_string(f.kind), f.cycle,
                 core::to_epoch_ms(f.finished_at), priority_value(priority), core::to_epoch_ms(f.started_at),
                 ms(f.due_at))
      .run();
}

// The earliest instant the job must look: a running target's warning (even a past one not yet
// recorded; recording it twice adds nothing), else its due time.
std::optional<Timestamp> first_check(const sla::SlaStatus& status) {
  return status.next_check_after(Timestamp{Timestamp::duration{std::numeric_limits<std::int64_t>::min()}});
}

// A corrupt record must not block an edit of its ticket, nor pass unnoticed: the escalation job's
// next pass loads it, fails, reports it to the error sink and looks again hourly.
void leave_for_the_job(sql::Connection& db, core::TicketId ticket, Timestamp at) {
  db.cached("UPDATE tickets SET sla_next_check_at = ? WHERE id = ?")
      ->bind_all(core::to_epoch_ms(at), ticket.value)
      .run();
}

}  // namespace

std::vector<sla::SlaPolicy> load_sla_policies(sql::Connection& db) {
  std::vector<sla::SlaPolicy> policies;
  auto query = db.cached(std::string(kSelectPolicy) + "ORDER BY position, id");
  while (query->step()) policies.push_back(read_policy(*query));
  std::map<std::int64_t, sla::SlaPolicy*> by_id;
  for (auto& p : policies) by_id.emplace(p.id, &p);
  read_targets(db, by_id);
  return policies;
}

std::optional<sla::SlaPolicy> load_sla_policy(sql::Connection& db, std::int64_t id) {
  auto query = db.cached(std::string(kSelectPolicy) + "WHERE id = ?");
  if (!query->bind(1, id).step()) return std::nullopt;
  auto policy = read_policy(*query);
  query->reset();
  auto targets = db.cached("SELECT priority, target, duration, clock FROM sla_targets WHERE policy_id = ?");
  targets->bind(1, id);
  while (targets->step()) {
    const auto priority = targets->int64(0);
    const auto kind = sla::parse_target_kind(targets->text(1));
    const auto duration = sla::parse_sla_duration(targets->text(2));
    const auto clock = sla::parse_target_clock(targets->text(3));
    if (priority < 0 || priority > 3 || !kind || !duration || !clock) continue;
    policy.targets[static_cast<std::size_t>(priority)][*kind] = sla::SlaTarget{*duration, *clock};
  }
  return policy;
}

std::optional<sla::BusinessCalendar> load_business_calendar(sql::Connection& db, const std::string& name) {
  if (name == "24x7") return sla::always_open_calendar();
  auto row = db.cached(
      "SELECT time_zone, monday, tuesday, wednesday, thursday, friday, saturday, sunday, revision "
      "FROM sla_calendars WHERE name = ?");
  if (!row->bind(1, name).step()) return std::nullopt;
  // Every ticket write comes here: a calendar already built at its stored revision is not read
  // and parsed again (its special days are up to 5,000 rows).
  const auto revision = row->int64(8);
  if (auto cached = calendar_cache().find(name, revision)) return cached;
  const auto zone = core::TimeZone::locate(row->text(0));
  if (!zone) return std::nullopt;
  sla::CalendarDefinition definition{name, *zone, {}, {}};
  const std::chrono::weekday days[] = {std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
                                       std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
                                       std::chrono::Sunday};
  for (int i = 0; i < 7; ++i) {
    auto hours = sla::parse_day_hours(row->text(1 + i));
    if (hours) definition.weekly.set(days[i], std::move(*hours));
  }
  row->reset();
  auto days_query = db.cached("SELECT date, kind, name, hours FROM sla_calendar_days WHERE calendar = ? ORDER BY date");
  days_query->bind(1, name);
  while (days_query->step()) {
    const auto date = sla::parse_iso_date(days_query->text(0));
    const auto kind = sla::parse_day_kind(days_query->text(1));
    if (!date || !kind) continue;
    sla::SpecialDay day{*date, *kind, days_query->text(2), std::nullopt};
    if (const auto hours = days_query->optional_text(3)) {
      if (auto parsed = sla::parse_day_hours(*hours)) day.hours = std::move(*parsed);
    }
    definition.special_days.push_back(std::move(day));
  }
  auto built = calendar_cache().get(definition, revision);
  if (!built) return std::nullopt;
  return std::move(*built);
}

std::optional<sla::TicketSlaRecord> load_sla_record(sql::Connection& db, core::TicketId ticket) {
  auto query = db.cached(
      "SELECT s.clock, s.first_response_at, s.cycle, s.cycle_started_at, s.cycle_finished_at, s.resolved_at, "
      "s.closed, t.sla_policy_id FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id WHERE s.ticket_id = ?");
  if (!query->bind(1, ticket.value).step()) return std::nullopt;
  auto clock = sla::parse_clock_history(query->text(0));
  if (!clock) {
    const std::string what = "ticket " + std::to_string(ticket.value) + ": corrupt SLA clock history (" +
                             clock.error().message + "): " + query->text(0);
    query->reset();
    throw CorruptSlaRecord(what);
  }
  sla::TicketSlaRecord record;
  record.clock = std::move(*clock);
  record.first_response_at = time_of(*query, 1);
  record.cycle = query->int32(2);
  record.cycle_started_at = time_of(*query, 3);
  record.cycle_finished_at = time_of(*query, 4);
  record.resolved_at = time_of(*query, 5);
  record.closed = query->boolean(6);
  record.policy_id = query->optional_int64(7);
  return record;
}

NewTicketSla plan_ticket_sla(sql::Connection& db, const domain::Ticket& ticket) {
  const auto policies = load_sla_policies(db);
  const auto* policy = sla::select_policy(policies, ticket.category_id, ticket.customer.email);
  NewTicketSla plan;
  Measured m;
  if (policy) {
    plan.columns.policy_id = policy->id;
    m.policy = *policy;  // loaded with the others just now: not read again
    m.business = load_business_calendar(db, policy->calendar);
  }
  plan.record = sla::start_record(plan.columns.policy_id, ticket.created_at, ticket.status);
  const auto status = sla::evaluate(plan.record, m.context(ticket.priority), ticket.created_at);
  plan.columns.first_response_due = status.first_response_due;
  plan.columns.next_response_due = status.next_response_due;
  plan.columns.resolution_due = status.resolution_due;
  plan.columns.due = status.earliest_due;
  plan.columns.warn = status.earliest_warn;
  plan.columns.next_check = first_check(status);
  return plan;
}

void start_ticket_sla(sql::Connection& db, core::TicketId ticket, const NewTicketSla& plan) {
  save_record(db, ticket, plan.record, true);
}

void follow_ticket_sla(sql::Connection& db, const domain::Ticket& before, const domain::TicketChange& change) {
  std::optional<sla::TicketSlaRecord> record;
  try {
    record = load_sla_record(db, before.id);
  } catch (const CorruptSlaRecord&) {
    leave_for_the_job(db, before.id, change.updated.updated_at);
    return;
  }
  if (!record) return;  // tickets from before service levels existed have none
  const domain::Ticket& after = change.updated;
  sla::SlaEvent event;
  event.from = before.status;
  event.to = after.status;
  event.at = after.updated_at;
  if (change.message && !change.message->internal) {
    const auto& author = change.message->author;
    // An automation rule's reply has no user behind it and does not count as a response.
    event.public_agent_reply = author.role != domain::Role::kCustomer && author.user_id.has_value();
    event.customer_message = author.role == domain::Role::kCustomer;
  }
  const auto m = measured_by(db, record->policy_id);
  const auto finished = sla::apply_event(*record, event, m.context(before.priority));
  for (const auto& f : finished) record_finished(db, before.id, f, before.priority);
  save_record(db, before.id, *record, false);
  const auto status = sla::evaluate(*record, m.context(after.priority), event.at);
  write_due_times(db, before.id, record->policy_id, status, first_check(status));
}

void refresh_ticket_sla(sql::Connection& db, core::TicketId ticket, domain::Priority priority, Timestamp now) {
  std::optional<sla::TicketSlaRecord> record;
  try {
    record = load_sla_record(db, ticket);
  } catch (const CorruptSlaRecord&) {
    leave_for_the_job(db, ticket, now);
    return;
  }
  if (!record) return;
  const auto m = measured_by(db, record->policy_id);
  const auto status = sla::evaluate(*record, m.context(priority), now);
  write_due_times(db, ticket, m.policy ? record->policy_id : std::nullopt, status, first_check(status));
}

}  // namespace gongdan::storage
