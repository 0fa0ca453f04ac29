#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/agents/group_repository.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/events/ticket_activity.hpp"
#include "domain/sla/calendar_cache.hpp"
#include "domain/sla/reply_by.hpp"
#include "domain/sla/sla_repository.hpp"
#include "domain/users/actor.hpp"

namespace gongdan::domain::sla {

/// The name of the built-in around-the-clock calendar: read-only, never stored.
inline constexpr std::string_view kAlwaysOpenCalendar = "24x7";

/// A calendar file format for import and export.
enum class CalendarFormat { kIcs, kCsv };

/// A ticket's service level as staff read it.
struct TicketSlaView {
  std::string policy;  // empty: no policy applies
  SlaState state = SlaState::kOk;
  std::vector<TargetStatus> targets;
};

/// What an import changed.
struct CalendarImport {
  StoredCalendar calendar;
  int imported = 0;        // days read from the file
  std::vector<int> years;  // the years the file covers, whose days it replaced
  int replaced = 0;        // days of those years the calendar had before
};

/// Service levels in the product (docs/sla.md "Service levels in the product"): admins manage
/// policies and calendars, staff read due times and reports, customers a reply-by time, and the
/// escalation job records warnings and breaches.
class SlaService {
 public:
  SlaService(SlaRepository& sla, CatalogRepository& catalog, GroupRepository& groups, const core::Clock& clock,
             EscalationMailSettings mail = {})
      : sla_(sla), catalog_(catalog), groups_(groups), clock_(clock), mail_(std::move(mail)) {}

  void set_activity_publisher(ActivityPublisher* publisher) { publisher_ = publisher; }

  // Policies (admins).
  core::Result<std::vector<SlaPolicy>> policies(const Actor& actor);
  core::Result<SlaPolicy> policy(const Actor& actor, std::int64_t id);
  core::Result<SlaPolicy> create_policy(const Actor& actor, const SlaPolicyInput& input);
  core::Result<SlaPolicy> update_policy(const Actor& actor, std::int64_t id, const SlaPolicyInput& input);
  core::Status delete_policy(const Actor& actor, std::int64_t id);
  core::Result<std::vector<SlaPolicy>> reorder_policies(const Actor& actor, const std::vector<std::int64_t>& ids);

  // Calendars (admins). The list includes the built-in 24x7.
  core::Result<std::vector<StoredCalendar>> calendars(const Actor& actor);
  core::Result<StoredCalendar> calendar(const Actor& actor, const std::string& name);
  /// Creates or replaces; the name comes from the path. kConflict `read_only` for 24x7.
  core::Result<StoredCalendar> put_calendar(const Actor& actor, const std::string& name, CalendarDefinition definition);
  core::Status delete_calendar(const Actor& actor, const std::string& name);
  /// Reads special days from a file; those of the years it covers replace the calendar's days of
  /// those years, other years stay.
  core::Result<CalendarImport> import_days(const Actor& actor, const std::string& name, std::string_view text,
                                           CalendarFormat format);
  core::Result<std::string> export_days(const Actor& actor, const std::string& name, CalendarFormat format);

  // Tickets.
  /// The targets of a ticket evaluated now; nullopt when no policy applies to it.
  std::optional<TicketSlaView> staff_view(const Ticket& ticket);
  /// The state of a ticket in a list, from its stored due and warning times (no extra reads).
  SlaState list_state(const Ticket& ticket) const;
  /// When the customer can expect a reply; nullopt when none is owed.
  std::optional<ReplyBy> customer_reply_by(const Ticket& ticket);
  /// The same for each of `tickets`, in order, from one read (a customer's list of tickets).
  std::vector<std::optional<ReplyBy>> customer_reply_by(std::span<const Ticket> tickets);

  /// Supervisors and admins; at most 366 days; dates in Asia/Shanghai.
  core::Result<SlaReport> report(const Actor& actor, std::string_view from, std::string_view to);

  /// One pass of the escalation job at `now` (the clock's when absent); announces the changes.
  core::Result<CheckPass> run_checks(std::optional<core::Timestamp> now = std::nullopt);
  /// What one pass at `now` would record, over at most kPreviewLimit due tickets, with nothing
  /// written or announced (`gongdan sla check --dry-run`).
  core::Result<CheckPass> preview_checks(std::optional<core::Timestamp> now = std::nullopt);
  /// A round for jobs::PeriodicJob: how many tickets it looked at (a full batch runs again at once).
  /// Throws std::runtime_error when the pass failed, for the job to report.
  int check_round();

  /// The calendar a policy names (24x7 built in), built once per revision.
  core::Result<BusinessCalendar> calendar_for(const std::string& name);

  static constexpr int kCheckBatch = 200;
  static constexpr int kPreviewLimit = 10'000;

 private:
  core::Result<SlaPolicy> check(const SlaPolicyInput& input, std::optional<std::int64_t> id);
  /// The holiday note of `calendar` at `now`, built from the cache when it holds `revision`.
  std::optional<HolidayNote> holiday_of(const std::string& calendar, std::int64_t revision, core::Timestamp now);

  SlaRepository& sla_;
  CatalogRepository& catalog_;
  GroupRepository& groups_;
  const core::Clock& clock_;
  EscalationMailSettings mail_;
  ActivityPublisher* publisher_ = nullptr;
  CalendarCache calendars_;
};

/// The input that rebuilds `policy` (the base a PATCH applies its fields to).
SlaPolicyInput to_input(const SlaPolicy& policy);

}  // namespace gongdan::domain::sla
