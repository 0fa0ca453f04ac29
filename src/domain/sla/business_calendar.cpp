#include "domain/sla/business_calendar.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace gongdan::domain::sla {

using std::chrono::local_days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

struct BusinessCalendar::State {
  CalendarDefinition definition;
  std::vector<local_days> special_dates;  // definition.special_days' dates, same order
  DayHours makeup_hours;
  bool always_open = false;
  WorkingSpans window;

  const SpecialDay* special_on(local_days day) const {
    const auto it = std::lower_bound(special_dates.begin(), special_dates.end(), day);
    if (it == special_dates.end() || *it != day) return nullptr;
    return &definition.special_days[static_cast<std::size_t>(it - special_dates.begin())];
  }

  const DayHours& hours_on(local_days day) const {
    static const DayHours kNone;
    if (const SpecialDay* special = special_on(day)) {
      if (special->kind == DayKind::kHoliday) return kNone;
      return special->hours ? *special->hours : makeup_hours;
    }
    return definition.weekly.on(std::chrono::weekday{day});
  }

  WorkingSpans spans(local_days first, local_days end) const {
    return WorkingSpans::build([this](local_days day) -> const DayHours& { return hours_on(day); },
                               definition.time_zone, first, end);
  }
};

namespace {

local_days first_day_of(int year) { return local_days{std::chrono::year{year} / std::chrono::January / 1}; }

}  // namespace

core::Result<BusinessCalendar> BusinessCalendar::create(CalendarDefinition definition, CalendarWindow window) {
  auto problems = check_calendar_definition(definition);
  if (!problems.empty()) return core::Error::validation(std::move(problems));
  return build(std::move(definition), window);
}

BusinessCalendar BusinessCalendar::always_open(std::string name, core::TimeZone zone) {
  CalendarDefinition definition{
      std::move(name), std::move(zone), WeeklyHours::every_day({{std::chrono::minutes{0}, kDayMinutes}}), {}};
  return build(std::move(definition), CalendarWindow{});
}

BusinessCalendar BusinessCalendar::build(CalendarDefinition definition, CalendarWindow window) {
  auto state = std::make_shared<State>();
  std::sort(definition.special_days.begin(), definition.special_days.end(),
            [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  for (const auto& day : definition.special_days) {
    state->special_dates.push_back(local_days{day.date});
    window.first_year = std::min(window.first_year, static_cast<int>(day.date.year()));
    window.last_year = std::max(window.last_year, static_cast<int>(day.date.year()));
  }
  // Make-up days work like a normal weekday; Monday first, as offices count the week.
  for (const unsigned d : {1U, 2U, 3U, 4U, 5U, 6U, 0U}) {
    const auto& hours = definition.weekly.on(std::chrono::weekday{d});
    if (!hours.empty()) {
      state->makeup_hours = hours;
      break;
    }
  }
  const DayHours whole_day{{std::chrono::minutes{0}, kDayMinutes}};
  state->always_open = definition.special_days.empty() && definition.weekly == WeeklyHours::every_day(whole_day);
  state->definition = std::move(definition);
  state->window = state->spans(first_day_of(window.first_year), first_day_of(window.last_year + 1));
  return BusinessCalendar(std::move(state));
}

const CalendarDefinition& BusinessCalendar::definition() const { return state_->definition; }

const DayHours& BusinessCalendar::hours_on(year_month_day date) const { return state_->hours_on(local_days{date}); }

const SpecialDay* BusinessCalendar::special_day(year_month_day date) const {
  return state_->special_on(local_days{date});
}

const DayHours& BusinessCalendar::makeup_hours() const { return state_->makeup_hours; }

bool BusinessCalendar::is_always_open() const { return state_->always_open; }

const WorkingSpans& BusinessCalendar::spans_covering(core::Timestamp t, std::optional<WorkingSpans>& scratch) const {
  const std::int64_t ms = core::to_epoch_ms(t);
  if (state_->window.covers(ms)) return state_->window;
  if (scratch && scratch->covers(ms)) return *scratch;
  const auto local = std::chrono::floor<std::chrono::days>(state_->definition.time_zone.to_local(t));
  int year = static_cast<int>(year_month_day{local}.year());
  // A fall-back across midnight can put an instant in the table of the neighbouring year:
  // tables are cut at instants, not at readings.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (year < 1 || year > 9998) throw std::out_of_range("business time beyond the years 1-9999");
    scratch = state_->spans(first_day_of(year), first_day_of(year + 1));
    if (scratch->covers(ms)) return *scratch;
    year += ms < scratch->from() ? -1 : 1;
  }
  throw std::logic_error("no working-time table covers " + core::format_rfc3339(t));
}

}  // namespace gongdan::domain::sla
