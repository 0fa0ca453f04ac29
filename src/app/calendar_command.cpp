#include "app/calendar_command.hpp"

#include "core/time.hpp"
#include "domain/sla/business_time.hpp"
#include "domain/sla/calendar_csv.hpp"
#include "domain/sla/calendar_ics.hpp"
#include "domain/sla/presets.hpp"
#include "domain/sla/sla_duration.hpp"

namespace gongdan::app {
namespace {

void list_presets(std::ostream& err) {
  err << "known calendars:";
  for (const auto name : domain::sla::preset_calendar_names()) err << " " << name;
  err << "\n";
}

}  // namespace

int run_calendar_due(const CalendarDueOptions& options, std::ostream& out, std::ostream& err) {
  const auto calendar = domain::sla::preset_calendar(options.calendar);
  if (!calendar) {
    err << "error: no calendar named " << options.calendar << "\n";
    list_presets(err);
    return 2;
  }
  const auto from = core::parse_rfc3339(options.from);
  if (!from) {
    err << "error: --from must be RFC 3339, e.g. 2026-02-13T16:00:00+08:00\n";
    return 2;
  }
  const auto duration = domain::sla::parse_sla_duration(options.add);
  if (!duration) {
    err << "error: --add: " << duration.error().message << "\n";
    return 2;
  }
  out << core::format_rfc3339(domain::sla::due_at(*calendar, *from, *duration)) << "\n";
  return 0;
}

int run_calendar_export(const std::string& calendar, const std::string& format, std::ostream& out, std::ostream& err) {
  const auto preset = domain::sla::preset_calendar(calendar);
  if (!preset) {
    err << "error: no calendar named " << calendar << "\n";
    list_presets(err);
    return 2;
  }
  const auto& days = preset->definition().special_days;
  if (format == "ics")
    out << domain::sla::format_calendar_ics(calendar, days);
  else
    out << domain::sla::format_calendar_csv(days, calendar);
  return 0;
}

}  // namespace gongdan::app
