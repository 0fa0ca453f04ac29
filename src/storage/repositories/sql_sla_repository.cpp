#include "storage/repositories/sql_sla_repository.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <exception>
#include <map>
#include <set>
#include <string>

#include "domain/sla/civil_date.hpp"
#include "domain/sla/escalation.hpp"
#include "domain/sla/presets.hpp"
#include "domain/sla/special_day.hpp"
#include "domain/sla/weekly_hours.hpp"
#include "domain/sla/working_hours.hpp"
#include "storage/repositories/mail_effects_writer.hpp"
#include "storage/repositories/rows.hpp"
#include "storage/repositories/ticket_inserts.hpp"
#include "storage/repositories/ticket_sla_writer.hpp"

namespace gongdan::storage {
namespace {

namespace sla = domain::sla;
using core::Timestamp;
using sql::Connection;

constexpr std::array<std::chrono::weekday, 7> kWeek{std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
                                                    std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
                                                    std::chrono::Sunday};

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

std::string join_ids(const std::vector<core::CategoryId>& ids) {
  std::vector<std::string> items;
  items.reserve(ids.size());
  for (const auto id : ids) items.push_back(std::to_string(id.value));
  return join(items);
}

std::optional<std::int64_t> group_value(const std::optional<core::GroupId>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

void write_targets(Connection& db, const sla::SlaPolicy& policy) {
  db.cached("DELETE FROM sla_targets WHERE policy_id = ?")->bind(1, policy.id).run();
  for (std::size_t p = 0; p < 4; ++p) {
    for (const auto kind : sla::kTargetKinds) {
      const auto& target = policy.targets[p][kind];
      if (!target) continue;
      db.cached("INSERT INTO sla_targets (policy_id, priority, target, duration, clock) VALUES (?, ?, ?, ?, ?)")
          ->bind_all(policy.id, static_cast<std::int64_t>(p), sla::to_string(kind),
                     sla::format_sla_duration(target->duration), sla::to_string(target->clock))
          .run();
    }
  }
}

// Due times follow an edit at once: every open ticket measured by the changed policy or calendar.
// `policy` names one policy, or (when 0) every policy on `calendar`.
// PostgreSQL: the tickets stay locked until the edit commits, so that a change of one of them in
// another process (which moves its clock) does not interleave with recomputing its due times.
constexpr std::string_view kSelectMeasured =
    "SELECT t.id, t.priority FROM tickets t JOIN sla_policies p ON p.id = t.sla_policy_id "
    "WHERE t.status IN ('new', 'open', 'pending', 'resolved') AND (p.id = ? OR p.calendar = ?)";

const std::string& select_measured_locked() {
  static const std::string text = std::string(kSelectMeasured) + " FOR UPDATE OF t";
  return text;
}

void refresh_open_tickets(Connection& db, std::int64_t policy, const std::string& calendar, Timestamp now) {
  auto query = db.dialect() == sql::Dialect::kSqlite ? db.cached(kSelectMeasured) : db.cached(select_measured_locked());
  query->bind_all(policy, calendar);
  std::vector<std::pair<core::TicketId, domain::Priority>> open;
  while (query->step()) open.emplace_back(core::TicketId{query->int64(0)}, priority_from(query->int64(1)));
  query->reset();
  for (const auto& [id, priority] : open) refresh_ticket_sla(db, id, priority, now);
}

std::vector<std::string> users_of_calendar(Connection& db, const std::string& name) {
  std::vector<std::string> names;
  auto query = db.cached("SELECT name FROM sla_policies WHERE calendar = ? ORDER BY position, id");
  query->bind(1, name);
  while (query->step()) names.push_back(query->text(0));
  return names;
}

// Built calendars are cached by name and revision (CalendarCache), so a revision must never come
// back for a name, not even after the calendar is deleted and created again. One counter for all
// calendars, kept in settings so that deletes do not lower it; it starts above every stored revision.
constexpr std::string_view kSqliteNextRevision =
    "SELECT MAX(COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sla.calendar_revision'), 0), "
    "COALESCE((SELECT MAX(revision) FROM sla_calendars), 0)) + 1";
constexpr std::string_view kPostgresNextRevision =
    "SELECT GREATEST(COALESCE((SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'sla.calendar_revision'), 0), "
    "COALESCE((SELECT MAX(revision) FROM sla_calendars), 0)) + 1";

std::int64_t next_calendar_revision(Connection& db, Timestamp now) {
  // The larger of two values: MAX(a, b) on SQLite, GREATEST(a, b) on PostgreSQL.
  auto query = db.cached(db.dialect() == sql::Dialect::kSqlite ? kSqliteNextRevision : kPostgresNextRevision);
  query->step();
  const std::int64_t next = query->int64(0);
  query->reset();
  db.cached(
        "INSERT INTO settings (key, value, updated_at) VALUES ('sla.calendar_revision', ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
      ->bind_all(std::to_string(next), core::to_epoch_ms(now))
      .run();
  return next;
}

std::optional<sla::StoredCalendar> read_calendar(Connection& db, const std::string& name) {
  auto row = db.cached(
      "SELECT time_zone, monday, tuesday, wednesday, thursday, friday, saturday, sunday, revision "
      "FROM sla_calendars WHERE name = ?");
  if (!row->bind(1, name).step()) return std::nullopt;
  sla::StoredCalendar stored;
  stored.definition.name = name;
  if (auto zone = core::TimeZone::locate(row->text(0))) stored.definition.time_zone = *zone;
  for (int i = 0; i < 7; ++i) {
    if (auto hours = sla::parse_day_hours(row->text(1 + i))) {
      stored.definition.weekly.set(kWeek[static_cast<std::size_t>(i)], std::move(*hours));
    }
  }
  stored.revision = row->int64(8);
  row->reset();
  auto days = db.cached("SELECT date, kind, name, hours FROM sla_calendar_days WHERE calendar = ? ORDER BY date");
  days->bind(1, name);
  while (days->step()) {
    const auto date = sla::parse_iso_date(days->text(0));
    const auto kind = sla::parse_day_kind(days->text(1));
    if (!date || !kind) continue;
    sla::SpecialDay day{*date, *kind, days->text(2), std::nullopt};
    if (const auto hours = days->optional_text(3)) {
      if (auto parsed = sla::parse_day_hours(*hours)) day.hours = std::move(*parsed);
    }
    stored.definition.special_days.push_back(std::move(day));
  }
  days->reset();
  stored.used_by = users_of_calendar(db, name);
  return stored;
}

struct Supervisors {
  std::vector<sla::Supervisor> list;
  bool loaded = false;
};

const std::vector<sla::Supervisor>& supervisors(Connection& db, Supervisors& cache) {
  if (cache.loaded) return cache.list;
  cache.loaded = true;
  auto query = db.cached("SELECT id, name, email, locale FROM users WHERE role = 'supervisor' ORDER BY id");
  while (query->step()) {
    cache.list.push_back({core::UserId{query->int64(0)}, query->text(1), query->text(2),
                          domain::parse_locale(query->text(3)).value_or(domain::Locale::kZhCn)});
  }
  return cache.list;
}

std::string group_name(Connection& db, const std::optional<core::GroupId>& id) {
  if (!id) return {};
  auto query = db.cached("SELECT name FROM agent_groups WHERE id = ?");
  if (!query->bind(1, id->value).step()) return {};
  return query->text(0);
}

// Records a fact once; true when this call added it (the unique key decides across processes).
bool record_once(Connection& db, core::TicketId ticket, std::string_view kind, const sla::TargetStatus& target,
                 domain::Priority priority, Timestamp now) {
  auto insert = db.cached(
      "INSERT INTO sla_events (ticket_id, kind, target, cycle, at, priority, started_at, due_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, kind, target, cycle) DO NOTHING");
  const std::optional<std::int64_t> due =
      target.due_at ? std::optional(core::to_epoch_ms(*target.due_at)) : std::nullopt;
  insert
      ->bind_all(ticket.value, kind, sla::to_string(target.kind), target.cycle, core::to_epoch_ms(now),
                 priority_value(priority), core::to_epoch_ms(target.started_at), due)
      .run();
  return db.changes() > 0;
}

// A ticket whose check failed is looked at again after this, not at every pass.
constexpr std::chrono::hours kRetryFailedCheck{1};

// One look at a ticket with its current priority's targets: records each warning and breach now past
// (once: the unique key decides) with the breach's escalation. Returns whether it recorded anything.
bool check_once(Connection& db, core::TicketId id, const sla::SlaPolicy& policy, const sla::BusinessCalendar& business,
                const sla::BusinessCalendar& around, const sla::TicketSlaRecord& record, Timestamp now,
                const sla::EscalationMailSettings& mail, Supervisors& staff, sla::CheckPass& pass,
                domain::Ticket& current) {
  const sla::SlaContext context{&policy.targets_for(current.priority), &business, &around};
  const auto status = sla::evaluate(record, context, now);
  bool recorded = false;
  for (const auto& target : status.targets) {
    if (!target.running()) continue;
    if (target.warn_at && *target.warn_at <= now && record_once(db, id, "warning", target, current.priority, now)) {
      insert_event(db, id, sla::warning_event(target.kind, target.cycle), now);
      pass.fired.push_back({current.number.str(), "warning", target.kind, target.cycle});
      ++pass.warnings;
      recorded = true;
    }
    if (*target.due_at <= now && record_once(db, id, "breached", target, current.priority, now)) {
      const auto plan =
          sla::plan_escalation(current, policy.escalation, sla::Breach{target.kind, target.cycle, *target.due_at},
                               group_name(db, policy.escalation.escalation_group_id), supervisors(db, staff), mail);
      for (const auto& event : plan.events) insert_event(db, id, event, now);
      const auto& t = plan.updated;
      if (t.priority != current.priority || t.group_id != current.group_id || t.assignee_id != current.assignee_id) {
        // A change the agents must notice: it moves updated_at, as any edit does.
        db.cached("UPDATE tickets SET priority = ?, group_id = ?, assignee_user_id = ?, updated_at = ? WHERE id = ?")
            ->bind_all(priority_value(t.priority), group_value(t.group_id),
                       t.assignee_id ? std::optional(t.assignee_id->value) : std::nullopt, core::to_epoch_ms(now),
                       id.value)
            .run();
        current = t;
        current.updated_at = now;
      }
      write_mail_effects(db, plan.effects, std::nullopt, std::nullopt, now);
      pass.fired.push_back({current.number.str(), "breached", target.kind, target.cycle});
      ++pass.breaches;
      recorded = true;
    }
  }
  return recorded;
}

// One ticket of a check pass; returns whether anything was recorded.
bool check_ticket(Connection& db, core::TicketId id, Timestamp now, const sla::EscalationMailSettings& mail,
                  Supervisors& staff, sla::CheckPass& pass) {
  auto ticket = load_ticket(db, id);
  const auto record = load_sla_record(db, id);
  if (!ticket || !record || !record->policy_id) {
    db.cached("UPDATE tickets SET sla_next_check_at = NULL WHERE id = ?")->bind(1, id.value).run();
    return false;
  }
  const auto policy = load_sla_policy(db, *record->policy_id);
  const auto business = policy ? load_business_calendar(db, policy->calendar) : std::nullopt;
  if (!policy || !business) {
    db.cached("UPDATE tickets SET sla_next_check_at = NULL WHERE id = ?")->bind(1, id.value).run();
    return false;
  }
  const auto around = sla::always_open_calendar();
  bool recorded = false;
  domain::Ticket current = *ticket;
  // A breach may raise the priority, and the new priority's targets may already be past 75 % or due:
  // look again with the new state until a look records nothing. Each look that records something
  // adds at least one row to sla_events, of which a ticket has a handful, and a priority rises at
  // most three steps, so the bound is never the reason to stop in practice.
  constexpr int kMaxLooks = 8;
  bool settled = false;
  for (int look = 0; look < kMaxLooks && !settled; ++look) {
    settled = !check_once(db, id, *policy, *business, around, *record, now, mail, staff, pass, current);
    recorded = recorded || !settled;
  }
  // The next look: after this instant, for the targets of the (possibly raised) priority. Everything
  // already past was recorded above; should the bound have stopped the looks, look again at once.
  const sla::SlaContext after_context{&policy->targets_for(current.priority), &*business, &around};
  const auto after = sla::evaluate(*record, after_context, now);
  const auto next_check = settled ? after.next_check_after(now) : std::optional(now);
  db.cached(
        "UPDATE tickets SET first_response_due_at = ?, next_response_due_at = ?, resolution_due_at = ?, "
        "sla_due_at = ?, sla_warn_at = ?, sla_next_check_at = ? WHERE id = ?")
      ->bind_all(after.first_response_due ? std::optional(core::to_epoch_ms(*after.first_response_due)) : std::nullopt,
                 after.next_response_due ? std::optional(core::to_epoch_ms(*after.next_response_due)) : std::nullopt,
                 after.resolution_due ? std::optional(core::to_epoch_ms(*after.resolution_due)) : std::nullopt,
                 after.earliest_due ? std::optional(core::to_epoch_ms(*after.earliest_due)) : std::nullopt,
                 after.earliest_warn ? std::optional(core::to_epoch_ms(*after.earliest_warn)) : std::nullopt,
                 next_check ? std::optional(core::to_epoch_ms(*next_check)) : std::nullopt, id.value)
      .run();
  if (recorded) {
    domain::TicketActivity activity;
    activity.kind = domain::ActivityKind::kUpdated;
    activity.ticket_id = id;
    activity.number = current.number.str();
    activity.group_id = current.group_id;
    activity.assignee_id = current.assignee_id;
    activity.status = current.status;
    activity.priority = current.priority;
    activity.updated_at = current.updated_at;
    pass.activities.push_back(activity);
  }
  return recorded;
}

// The tickets a pass checks. SQLite has one writer, so one pass at a time. On PostgreSQL several
// processes run passes at once: each locks the tickets it takes until it commits and skips those
// another pass (or a change in progress) holds, so no two passes check the same ticket and none
// waits for another (the unique key of sla_events would record each fact once anyway).
constexpr std::string_view kSqliteSelectDue =
    "SELECT id FROM tickets WHERE sla_next_check_at IS NOT NULL AND sla_next_check_at <= ? "
    "ORDER BY sla_next_check_at, id LIMIT ?";
constexpr std::string_view kPostgresSelectDue =
    "SELECT id FROM tickets WHERE sla_next_check_at IS NOT NULL AND sla_next_check_at <= ? "
    "ORDER BY sla_next_check_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

// One pass over at most `limit` tickets whose next check is due at `now`, inside the caller's
// transaction.
sla::CheckPass check_due(Connection& db, const sql::Store& store, Timestamp now, int limit,
                         const sla::EscalationMailSettings& mail) {
  sla::CheckPass pass;
  std::vector<core::TicketId> due;
  auto query = db.cached(db.dialect() == sql::Dialect::kSqlite ? kSqliteSelectDue : kPostgresSelectDue);
  query->bind_all(core::to_epoch_ms(now), static_cast<std::int64_t>(limit));
  while (query->step()) due.push_back(core::TicketId{query->int64(0)});
  query->reset();
  Supervisors staff;
  for (const auto id : due) {
    // Each ticket in its own savepoint: one that throws (a corrupt row, say) is rolled back and
    // skipped instead of rolling back, pass after pass, the whole batch it belongs to.
    const int warnings = pass.warnings;
    const int breaches = pass.breaches;
    const auto activities = static_cast<std::ptrdiff_t>(pass.activities.size());
    const auto fired = static_cast<std::ptrdiff_t>(pass.fired.size());
    sql::Savepoint savepoint(db, "sla_ticket");
    try {
      check_ticket(db, id, now, mail, staff, pass);
      savepoint.release();
    } catch (const std::exception& error) {
      // SQLite may have rolled back the whole transaction (disk full, I/O): then the pass fails.
      if (!db.in_transaction()) throw;
      savepoint.rollback();
      savepoint.release();
      pass.warnings = warnings;
      pass.breaches = breaches;
      pass.activities.erase(pass.activities.begin() + activities, pass.activities.end());
      pass.fired.erase(pass.fired.begin() + fired, pass.fired.end());
      db.cached("UPDATE tickets SET sla_next_check_at = ? WHERE id = ?")
          ->bind_all(core::to_epoch_ms(now + kRetryFailedCheck), id.value)
          .run();
      pass.failures.push_back({id, error.what()});
      store.report("sla check: ticket " + std::to_string(id.value) + " failed: " + error.what());
    }
    ++pass.tickets_checked;
  }
  return pass;
}

}  // namespace

std::vector<sla::SlaPolicy> SqlSlaRepository::policies() {
  auto found = store_.read([](Connection& db) { return load_sla_policies(db); });
  return found.ok() ? std::move(found).value() : std::vector<sla::SlaPolicy>{};
}

std::optional<sla::SlaPolicy> SqlSlaRepository::find_policy(std::int64_t id) {
  auto found = store_.read([&](Connection& db) { return load_sla_policy(db, id); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<sla::SlaPolicy> SqlSlaRepository::create_policy(const sla::SlaPolicy& policy) {
  return store_.write([&](Connection& db) -> core::Result<sla::SlaPolicy> {
    auto taken = db.cached("SELECT 1 FROM sla_policies WHERE name = ?");
    if (taken->bind(1, policy.name).step())
      return core::Error::field("name", "duplicate", "Another policy has this name.");
    taken->reset();
    auto last = db.cached("SELECT COALESCE(MAX(position), 0) FROM sla_policies");
    last->step();
    const auto position = last->int64(0) + 1;
    last->reset();
    auto insert = db.cached(
        "INSERT INTO sla_policies (name, position, enabled, calendar, categories, customer_domains, "
        "notify_supervisors, raise_priority, escalation_group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert->bind_all(policy.name, position, policy.enabled, policy.calendar, join_ids(policy.categories),
                     join(policy.customer_domains), policy.escalation.notify_supervisors,
                     policy.escalation.raise_priority, group_value(policy.escalation.escalation_group_id));
    sla::SlaPolicy stored = policy;
    stored.id = returned_id(*insert);
    stored.position = static_cast<int>(position);
    write_targets(db, stored);
    return stored;
  });
}

core::Result<sla::SlaPolicy> SqlSlaRepository::update_policy(const sla::SlaPolicy& policy, Timestamp now) {
  return store_.write([&](Connection& db) -> core::Result<sla::SlaPolicy> {
    auto taken = db.cached("SELECT 1 FROM sla_policies WHERE name = ? AND id <> ?");
    if (taken->bind_all(policy.name, policy.id).step()) {
      return core::Error::field("name", "duplicate", "Another policy has this name.");
    }
    taken->reset();
    db.cached(
          "UPDATE sla_policies SET name = ?, enabled = ?, calendar = ?, categories = ?, customer_domains = ?, "
          "notify_supervisors = ?, raise_priority = ?, escalation_group_id = ?, updated_at = ? WHERE id = ?")
        ->bind_all(policy.name, policy.enabled, policy.calendar, join_ids(policy.categories),
                   join(policy.customer_domains), policy.escalation.notify_supervisors,
                   policy.escalation.raise_priority, group_value(policy.escalation.escalation_group_id),
                   core::to_epoch_ms(now), policy.id)
        .run();
    if (db.changes() == 0) return core::Error::not_found("No such policy.");
    write_targets(db, policy);
    refresh_open_tickets(db, policy.id, "", now);
    auto stored = load_sla_policy(db, policy.id);
    if (!stored) return core::Error::unavailable("The policy could not be read back.");
    return std::move(*stored);
  });
}

core::Status SqlSlaRepository::delete_policy(std::int64_t id, Timestamp now) {
  return store_.write([&](Connection& db) -> core::Status {
    // Locked on PostgreSQL for the reason given at refresh_open_tickets.
    auto open = db.cached(db.dialect() == sql::Dialect::kSqlite
                              ? "SELECT id, priority FROM tickets WHERE sla_policy_id = ?"
                              : "SELECT id, priority FROM tickets WHERE sla_policy_id = ? FOR UPDATE");
    open->bind(1, id);
    std::vector<std::pair<core::TicketId, domain::Priority>> tickets;
    while (open->step()) tickets.emplace_back(core::TicketId{open->int64(0)}, priority_from(open->int64(1)));
    open->reset();
    db.cached("DELETE FROM sla_targets WHERE policy_id = ?")->bind(1, id).run();
    db.cached("UPDATE tickets SET sla_policy_id = NULL WHERE sla_policy_id = ?")->bind(1, id).run();
    db.cached("DELETE FROM sla_policies WHERE id = ?")->bind(1, id).run();
    if (db.changes() == 0) return core::Error::not_found("No such policy.");
    // Its tickets have no targets any more: their due times and checks go.
    for (const auto& [ticket, priority] : tickets) refresh_ticket_sla(db, ticket, priority, now);
    return core::ok_status();
  });
}

core::Result<std::vector<sla::SlaPolicy>> SqlSlaRepository::reorder_policies(const std::vector<std::int64_t>& ids) {
  return store_.write([&](Connection& db) -> core::Result<std::vector<sla::SlaPolicy>> {
    std::vector<std::int64_t> existing;
    for (const auto& p : load_sla_policies(db)) existing.push_back(p.id);
    auto wanted = ids;
    std::sort(existing.begin(), existing.end());
    std::sort(wanted.begin(), wanted.end());
    if (wanted != existing) return core::Error::field("ids", "invalid", "Name every policy exactly once.");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      db.cached("UPDATE sla_policies SET position = ? WHERE id = ?")
          ->bind_all(static_cast<std::int64_t>(i + 1), ids[i])
          .run();
    }
    return load_sla_policies(db);
  });
}

std::vector<sla::StoredCalendar> SqlSlaRepository::calendars() {
  auto found = store_.read([](Connection& db) {
    std::vector<std::string> names;
    auto query = db.cached("SELECT name FROM sla_calendars ORDER BY name");
    while (query->step()) names.push_back(query->text(0));
    query->reset();
    std::vector<sla::StoredCalendar> list;
    for (const auto& name : names) {
      if (auto c = read_calendar(db, name)) list.push_back(std::move(*c));
    }
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<sla::StoredCalendar>{};
}

std::optional<sla::StoredCalendar> SqlSlaRepository::find_calendar(const std::string& name) {
  auto found = store_.read([&](Connection& db) { return read_calendar(db, name); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Status SqlSlaRepository::save_calendar(const sla::CalendarDefinition& d, Timestamp now) {
  return store_.write([&](Connection& db) -> core::Status {
    std::array<std::string, 7> hours;
    for (std::size_t i = 0; i < 7; ++i) hours[i] = sla::format_day_hours(d.weekly.on(kWeek[i]));
    const std::int64_t revision = next_calendar_revision(db, now);
    db.cached(
          "INSERT INTO sla_calendars (name, time_zone, monday, tuesday, wednesday, thursday, friday, saturday, "
          "sunday, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (name) DO UPDATE SET time_zone = excluded.time_zone, monday = excluded.monday, "
          "tuesday = excluded.tuesday, wednesday = excluded.wednesday, thursday = excluded.thursday, "
          "friday = excluded.friday, saturday = excluded.saturday, sunday = excluded.sunday, "
          "revision = excluded.revision, updated_at = excluded.updated_at")
        ->bind_all(d.name, d.time_zone.name(), hours[0], hours[1], hours[2], hours[3], hours[4], hours[5], hours[6],
                   revision, core::to_epoch_ms(now))
        .run();
    db.cached("DELETE FROM sla_calendar_days WHERE calendar = ?")->bind(1, d.name).run();
    for (const auto& day : d.special_days) {
      const std::optional<std::string> day_hours =
          day.hours ? std::optional(sla::format_day_hours(*day.hours)) : std::nullopt;
      db.cached("INSERT INTO sla_calendar_days (calendar, date, kind, name, hours) VALUES (?, ?, ?, ?, ?)")
          ->bind_all(d.name, sla::format_iso_date(day.date), sla::to_string(day.kind), day.name, day_hours)
          .run();
    }
    refresh_open_tickets(db, 0, d.name, now);
    return core::ok_status();
  });
}

core::Status SqlSlaRepository::delete_calendar(const std::string& name) {
  return store_.write([&](Connection& db) -> core::Status {
    if (!users_of_calendar(db, name).empty()) {
      return core::Error::conflict("calendar_in_use", "A policy uses this calendar.");
    }
    db.cached("DELETE FROM sla_calendar_days WHERE calendar = ?")->bind(1, name).run();
    db.cached("DELETE FROM sla_calendars WHERE name = ?")->bind(1, name).run();
    if (db.changes() == 0) return core::Error::not_found("No such calendar.");
    return core::ok_status();
  });
}

std::optional<sla::TicketSlaRecord> SqlSlaRepository::record_of(core::TicketId ticket) {
  auto found = store_.read([&](Connection& db) { return load_sla_record(db, ticket); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

std::vector<sla::RecordedTarget> SqlSlaRepository::recorded_targets(core::TicketId ticket) {
  auto found = store_.read([&](Connection& db) {
    std::vector<sla::RecordedTarget> list;
    auto query = db.cached("SELECT kind, target, cycle, at FROM sla_events WHERE ticket_id = ? ORDER BY at, id");
    query->bind(1, ticket.value);
    while (query->step()) {
      const auto target = sla::parse_target_kind(query->text(1));
      if (!target) continue;
      list.push_back({query->text(0), *target, query->int32(2), core::from_epoch_ms(query->int64(3))});
    }
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<sla::RecordedTarget>{};
}

namespace {

// The most tickets ahead a queue estimate counts (reply_facts).
constexpr std::int64_t kMaxTicketsAhead = 1000;

}  // namespace

std::vector<sla::ReplyFacts> SqlSlaRepository::reply_facts(std::span<const domain::Ticket* const> tickets,
                                                           Timestamp now) {
  auto found = store_.read([&](Connection& db) {
    // The team's pace is the same for every ticket: asked once. The hours are counted only when
    // there are enough replies for an estimate: COUNT(DISTINCT) builds and drops a temporary
    // B-tree per call, a fifth of a status lookup's instructions when it was always asked.
    const auto week_ago = core::to_epoch_ms(now - std::chrono::hours{24 * 7});
    const auto until = core::to_epoch_ms(now);
    sla::QueueFacts pace;
    auto replies = db.cached("SELECT COUNT(*) FROM ticket_sla WHERE first_response_at >= ? AND first_response_at <= ?");
    replies->bind_all(week_ago, until).step();
    pace.replies_last_7d = replies->int32(0);
    replies->reset();
    if (pace.replies_last_7d >= sla::kMinRepliesForEstimate) {
      auto hours = db.cached(
          "SELECT COUNT(DISTINCT first_response_at / 3600000) FROM ticket_sla "
          "WHERE first_response_at >= ? AND first_response_at <= ?");
      hours->bind_all(week_ago, until).step();
      pace.active_reply_hours = hours->int32(0);
      hours->reset();
    }
    std::vector<sla::ReplyFacts> facts(tickets.size(), sla::ReplyFacts{{}, 0, pace});
    // A page's tickets share one or two policies: each policy's calendar is read once, by the
    // policy's (unique) name the ticket row carries. Row by row it was a tenth of My tickets.
    std::map<std::string, std::pair<std::string, std::int64_t>, std::less<>> calendars;
    for (std::size_t i = 0; i < tickets.size(); ++i) {
      const domain::Ticket& ticket = *tickets[i];
      if (!ticket.sla_policy.empty()) {
        auto known = calendars.find(ticket.sla_policy);
        if (known == calendars.end()) {
          // The revision lets the service reuse a built calendar without reading its definition.
          auto calendar = db.cached(
              "SELECT p.calendar, COALESCE(c.revision, 0) FROM sla_policies p "
              "LEFT JOIN sla_calendars c ON c.name = p.calendar WHERE p.name = ?");
          calendar->bind(1, ticket.sla_policy);
          std::pair<std::string, std::int64_t> row;
          if (calendar->step()) row = {calendar->text(0), calendar->int64(1)};
          calendar->reset();
          known = calendars.emplace(ticket.sla_policy, std::move(row)).first;
        }
        facts[i].calendar = known->second.first;
        facts[i].calendar_revision = known->second.second;
      }
      // Too few replies to estimate from: the tickets ahead would not be used, so they are not
      // counted. Otherwise they are counted up to kMaxTicketsAhead: past that the estimate is far
      // beyond any target anyway, and every lookup and ticket page pays for the count.
      if (pace.replies_last_7d < sla::kMinRepliesForEstimate) continue;
      // Open and not yet answered, at least as urgent, older, in the same group.
      auto ahead = db.cached(
          "SELECT COUNT(*) FROM (SELECT 1 FROM tickets t WHERE t.status IN ('new', 'open') AND t.group_id = ? "
          "AND t.priority >= ? AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?)) AND t.id <> ? AND NOT "
          "EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id AND s.first_response_at IS NOT NULL) "
          "LIMIT ?) AS ahead");
      const auto created = core::to_epoch_ms(ticket.created_at);
      ahead
          ->bind_all(ticket.group_id ? ticket.group_id->value : 0, priority_value(ticket.priority), created, created,
                     ticket.id.value, ticket.id.value, kMaxTicketsAhead)
          .step();
      facts[i].queue.tickets_ahead = ahead->int32(0);
      ahead->reset();
    }
    return facts;
  });
  return found.ok() ? std::move(found).value() : std::vector<sla::ReplyFacts>(tickets.size());
}

std::array<int, 4> SqlSlaRepository::created_by_priority(Timestamp from, Timestamp to) {
  auto found = store_.read([&](Connection& db) {
    std::array<int, 4> counts{0, 0, 0, 0};
    auto query =
        db.cached("SELECT priority, COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY priority");
    query->bind_all(core::to_epoch_ms(from), core::to_epoch_ms(to));
    while (query->step()) {
      const auto p = query->int64(0);
      if (p >= 0 && p <= 3) counts[static_cast<std::size_t>(p)] = query->int32(1);
    }
    return counts;
  });
  return found.ok() ? *found : std::array<int, 4>{0, 0, 0, 0};
}

std::vector<sla::FinishedSample> SqlSlaRepository::finished_samples(Timestamp from, Timestamp to,
                                                                    const core::TimeZone& zone) {
  auto found = store_.read([&](Connection& db) {
    std::vector<sla::FinishedSample> samples;
    auto query = db.cached(
        "SELECT e.priority, e.target, t.created_at, e.at - e.started_at, e.kind FROM sla_events e "
        "JOIN tickets t ON t.id = e.ticket_id WHERE e.kind IN ('met', 'missed') "
        "AND e.target IN ('first_response', 'resolution') AND t.created_at >= ? AND t.created_at < ?");
    query->bind_all(core::to_epoch_ms(from), core::to_epoch_ms(to));
    while (query->step()) {
      const auto target = sla::parse_target_kind(query->text(1));
      if (!target) continue;
      const auto local = zone.to_local(core::from_epoch_ms(query->int64(2)));
      samples.push_back({priority_from(query->int64(0)), *target,
                         std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)},
                         std::chrono::milliseconds{query->int64(3)}, query->text(4) == "met"});
    }
    return samples;
  });
  return found.ok() ? std::move(found).value() : std::vector<sla::FinishedSample>{};
}

core::Result<sla::CheckPass> SqlSlaRepository::run_checks(Timestamp now, int limit,
                                                          const sla::EscalationMailSettings& mail) {
  return store_.write(
      [&](Connection& db) -> core::Result<sla::CheckPass> { return check_due(db, store_, now, limit, mail); });
}

core::Result<sla::CheckPass> SqlSlaRepository::preview_checks(Timestamp now, int limit,
                                                              const sla::EscalationMailSettings& mail) {
  return store_.write([&](Connection& db) -> core::Result<sla::CheckPass> {
    // The same pass in a savepoint rolled back at its end: its counts and list are what it would
    // record; the tickets, events, outbox and search rows stay as they were.
    // (~Savepoint rolls back too when the pass throws.)
    sql::Savepoint savepoint(db, "sla_preview");
    auto pass = check_due(db, store_, now, limit, mail);
    savepoint.rollback();
    savepoint.release();
    pass.activities.clear();
    return pass;
  });
}

}  // namespace gongdan::storage
