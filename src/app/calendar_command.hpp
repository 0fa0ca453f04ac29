#pragma once

#include <ostream>
#include <string>

namespace gongdan::app {

/// Options of `gongdan calendar due`.
struct CalendarDueOptions {
  std::string calendar = "cn-mainland-2026";
  std::string from;  // RFC 3339
  std::string add;   // 90m, 8h, 1h30m, 3d (working days)
};

/// Prints the instant `add` of working time after `from` on a preset calendar, with the same
/// code the server uses for due times. Returns the exit code.
int run_calendar_due(const CalendarDueOptions& options, std::ostream& out, std::ostream& err);

/// Prints the preset calendar as CSV (the format `import` reads).
int run_calendar_export(const std::string& calendar, const std::string& format, std::ostream& out, std::ostream& err);

}  // namespace gongdan::app
