#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/sla/special_day.hpp"

namespace gongdan::domain::sla {

/// Reads a holiday schedule as CSV, the format of the shipped cn-mainland-2026.csv:
///
///     # comments start with '#'; blank lines are skipped
///     date,kind,name[,hours]          <- optional header
///     2026-02-14,workday,春节 Spring Festival
///     2026-12-31,workday,Year end,"09:00-12:00,13:00-15:00"
///
/// `date` is YYYY-MM-DD, `kind` holiday|workday, `name` free text, `hours` (workdays only) the
/// make-up hours, default the calendar's make-up hours. Fields may be quoted RFC 4180 style
/// ("" for a quote); a UTF-8 BOM and CRLF line ends are accepted. Errors name their line
/// (kInvalid `invalid_calendar_file`, fields `line N`).
core::Result<std::vector<SpecialDay>> parse_calendar_csv(std::string_view text);

/// Writes days in date order in the format above, after `comment` lines prefixed with `# `.
/// The `hours` column appears only when a day has hours of its own.
std::string format_calendar_csv(std::vector<SpecialDay> days, std::string_view comment = {});

}  // namespace gongdan::domain::sla
