#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/sla/special_day.hpp"

namespace gongdan::domain::sla {

/// Reads a holiday schedule from iCalendar (RFC 5545). Each all-day VEVENT lists one or more
/// dates (`DTSTART;VALUE=DATE`, exclusive `DTEND;VALUE=DATE` or `DURATION:PnD`/`PnW`, default
/// one day; a multi-day event lists every date in it, at most 366):
///
///  - kind: `CATEGORIES` containing `HOLIDAY` or `WORKDAY` (any case); without either, a SUMMARY
///    containing 补班 or 上班 (how published Chinese holiday calendars mark make-up days) is a
///    workday and anything else a holiday, since an all-day event in a holiday calendar is a day
///    off;
///  - name: `SUMMARY`; make-up hours: `X-GONGDAN-HOURS:09:00-18:00` (workdays only);
///  - `STATUS:CANCELLED` events are skipped; recurring events (`RRULE`, `RDATE`) and timed events
///    are refused rather than guessed at; other components (VTIMEZONE, VALARM, ...) are ignored.
///
/// Lines may be folded and end in CRLF or LF. Errors name their line (kInvalid
/// `invalid_calendar_file`, fields `line N`).
core::Result<std::vector<SpecialDay>> parse_calendar_ics(std::string_view text);

/// Writes a VCALENDAR named `calendar_name` (X-WR-CALNAME) with one VEVENT per run of
/// consecutive dates sharing kind, name and hours, marked `CATEGORIES:HOLIDAY` or
/// `CATEGORIES:WORKDAY`, CRLF line ends, lines folded at 75 octets. Output is deterministic
/// (UID and DTSTAMP derive from the dates), so exports diff cleanly.
std::string format_calendar_ics(std::string_view calendar_name, std::vector<SpecialDay> days);

}  // namespace gongdan::domain::sla
