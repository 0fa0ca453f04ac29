#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"
#include "core/time_zone.hpp"
#include "domain/sla/calendar_definition.hpp"
#include "domain/sla/working_spans.hpp"

namespace gongdan::domain::sla {

/// The years a calendar precomputes. Instants outside still get exact answers, from a year's
/// table built per call (tens of microseconds instead of tens of nanoseconds).
struct CalendarWindow {
  int first_year = 2024;
  int last_year = 2040;
};

/// When work happens: a validated CalendarDefinition (time zone, weekly hours, holidays and
/// make-up workdays) with its working spans precomputed for fast deadline maths (see
/// business_time.hpp). Immutable; copies share their data and are safe across threads.
class BusinessCalendar {
 public:
  /// Validates the definition (kInvalid with field errors), sorts its special days by date and
  /// precomputes the window, widened to cover every special day.
  static core::Result<BusinessCalendar> create(CalendarDefinition definition, CalendarWindow window = {});
  /// Every instant is working time: the clock for targets in calendar time.
  static BusinessCalendar always_open(std::string name = "24x7", core::TimeZone zone = core::TimeZone::utc());

  const CalendarDefinition& definition() const;
  const std::string& name() const { return definition().name; }
  const core::TimeZone& time_zone() const { return definition().time_zone; }

  /// The hours worked on a local date: none on a holiday, the make-up hours on a listed
  /// workday, else the weekday's.
  const DayHours& hours_on(std::chrono::year_month_day date) const;
  bool is_working_day(std::chrono::year_month_day date) const { return !hours_on(date).empty(); }
  /// The listed holiday or workday on `date`, if any.
  const SpecialDay* special_day(std::chrono::year_month_day date) const;
  /// What a make-up workday without hours of its own works: the first Monday-to-Friday hours.
  const DayHours& makeup_hours() const;
  /// True when every instant is working time (all days 00:00-24:00, no special days).
  bool is_always_open() const;

  /// The precomputed spans covering `t`: the window's, or a year's built into `scratch`.
  /// Throws std::out_of_range past year 9999 (durations are bounded long before that).
  const WorkingSpans& spans_covering(core::Timestamp t, std::optional<WorkingSpans>& scratch) const;

 private:
  struct State;
  explicit BusinessCalendar(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  static BusinessCalendar build(CalendarDefinition definition, CalendarWindow window);
  std::shared_ptr<const State> state_;
};

}  // namespace gongdan::domain::sla
