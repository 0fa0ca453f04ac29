// Calendar files and durations come from admins' uploads: CSV and iCalendar parsing, duration
// parsing and the POSIX TZ rule parser must never crash, and what they accept must round-trip.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/posix_tz_rule.hpp"
#include "domain/sla/calendar_csv.hpp"
#include "domain/sla/calendar_ics.hpp"
#include "domain/sla/sla_duration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gongdan::domain::sla;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto days = parse_calendar_csv(input)) {
    const auto again = parse_calendar_csv(format_calendar_csv(*days));
    if (!again || again->size() != days->size()) std::abort();
  }
  (void)parse_calendar_ics(input);
  if (const auto duration = parse_sla_duration(input)) {
    if (!parse_sla_duration(format_sla_duration(*duration))) std::abort();
  }
  (void)gongdan::core::PosixTzRule::parse(input);
  return 0;
}
