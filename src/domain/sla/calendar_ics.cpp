#include "domain/sla/calendar_ics.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "core/utf8.hpp"
#include "domain/sla/calendar_definition.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/sla/import_report.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain::sla {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// A holiday is a week or two; a year bounds any sensible event, and the cap stops a hostile
// DTEND in year 9999 from expanding into millions of dates.
constexpr int kMaxEventDays = 366;

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

/// One unfolded content line: `NAME;PARAM=V:value`, with the physical line it started on.
struct ContentLine {
  std::size_t line = 0;
  std::string name;  // upper case
  std::string value;
};

std::vector<ContentLine> unfold(std::string_view text) {
  std::vector<ContentLine> lines;
  std::string current;
  std::size_t current_line = 0;
  std::size_t number = 0;
  const auto flush = [&] {
    if (current.empty()) return;
    // The first ':' outside a quoted parameter value separates the value.
    bool quoted = false;
    std::size_t colon = std::string::npos;
    for (std::size_t i = 0; i < current.size(); ++i) {
      if (current[i] == '"') quoted = !quoted;
      if (current[i] == ':' && !quoted) {
        colon = i;
        break;
      }
    }
    ContentLine line{current_line, {}, {}};
    const std::string head = current.substr(0, colon);
    const std::size_t semicolon = std::min(head.find(';'), head.size());
    line.name = ascii_upper(std::string_view(head).substr(0, semicolon));
    // Parameters (VALUE=DATE, TZID=...) are not needed: an 8-digit value is a date.
    line.value = colon == std::string::npos ? std::string() : current.substr(colon + 1);
    lines.push_back(std::move(line));
    current.clear();
  };
  while (!text.empty()) {
    ++number;
    const std::size_t newline = std::min(text.find('\n'), text.size());
    std::string_view physical = text.substr(0, newline);
    text.remove_prefix(std::min(newline + 1, text.size()));
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t')) {
      current += physical.substr(1);  // RFC 5545 §3.1: a fold is CRLF plus one space or tab
      continue;
    }
    flush();
    current = std::string(physical);
    current_line = number;
  }
  flush();
  return lines;
}

std::string unescape_text(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      const char next = value[++i];
      out += (next == 'n' || next == 'N') ? ' ' : next;  // names are one line
    } else {
      out += value[i];
    }
  }
  return out;
}

std::string escape_text(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    out += c;
  }
  return out;
}

std::optional<year_month_day> parse_basic_date(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  const std::string iso =
      std::string(value.substr(0, 4)) + "-" + std::string(value.substr(4, 2)) + "-" + std::string(value.substr(6, 2));
  return parse_iso_date(iso);
}

std::string format_basic_date(year_month_day date) {
  std::string iso = format_iso_date(date);
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

/// `P3D`, `P1W`: the only durations an all-day event needs.
std::optional<int> parse_day_duration(std::string_view value) {
  if (value.size() < 3 || value.size() > 6 || value[0] != 'P') return std::nullopt;
  int n = 0;
  for (std::size_t i = 1; i + 1 < value.size(); ++i) {
    if (value[i] < '0' || value[i] > '9') return std::nullopt;
    n = n * 10 + (value[i] - '0');
  }
  if (value.back() == 'D') return n;
  if (value.back() == 'W') return n * 7;
  return std::nullopt;
}

/// What one VEVENT said, collected until its END.
struct EventFields {
  std::size_t line = 0;
  std::optional<ContentLine> start, end, duration, summary, hours;
  std::vector<std::string> categories;
  bool recurring = false;
  bool cancelled = false;
};

void finish_event(const EventFields& event, ImportReport& report) {
  if (event.cancelled) return;
  const std::size_t line = event.line;
  if (event.recurring) {
    report.problem(line, "recurring", "recurring events (RRULE, RDATE) are not supported; list each date.");
    return;
  }
  if (!event.start) {
    report.problem(line, "invalid_date", "the event has no DTSTART.");
    return;
  }
  const auto first = parse_basic_date(event.start->value);
  if (!first) {
    report.problem(
        event.start->line, "invalid_date",
        "DTSTART must be an all-day date like DTSTART;VALUE=DATE:20260215, not '" + event.start->value + "'.");
    return;
  }
  int length = 1;
  if (event.end) {
    const auto last = parse_basic_date(event.end->value);
    if (!last) {
      report.problem(event.end->line, "invalid_date", "DTEND must be a date like 20260224.");
      return;
    }
    length = static_cast<int>((sys_days{*last} - sys_days{*first}).count());
  } else if (event.duration) {
    const auto n = parse_day_duration(event.duration->value);
    if (!n) {
      report.problem(event.duration->line, "invalid_date", "DURATION must be whole days like P3D.");
      return;
    }
    length = *n;
  }
  if (length < 1 || length > kMaxEventDays) {
    report.problem(line, "invalid_date",
                   "an event lasts 1-" + std::to_string(kMaxEventDays) + " days (DTEND is exclusive).");
    return;
  }
  const std::string name = event.summary ? unescape_text(event.summary->value) : std::string();
  const auto listed = [&](const char* category) {
    return std::find(event.categories.begin(), event.categories.end(), category) != event.categories.end();
  };
  if (listed("HOLIDAY") && listed("WORKDAY")) {
    report.problem(line, "invalid_kind", "CATEGORIES lists both HOLIDAY and WORKDAY.");
    return;
  }
  std::optional<DayKind> kind;
  if (listed("HOLIDAY")) kind = DayKind::kHoliday;
  if (listed("WORKDAY")) kind = DayKind::kWorkday;
  if (!kind) {
    const bool makeup = name.find("补班") != std::string::npos || name.find("上班") != std::string::npos;
    kind = makeup ? DayKind::kWorkday : DayKind::kHoliday;
  }
  if (auto problem = check_text("name", name, kMaxSpecialDayNameLength, Presence::kOptional)) {
    report.problem(event.summary ? event.summary->line : line, "invalid_name", "SUMMARY: " + problem->message);
    return;
  }
  std::optional<DayHours> hours;
  if (event.hours) {
    auto parsed = parse_day_hours(event.hours->value);
    if (!parsed || parsed->empty() || kind == DayKind::kHoliday) {
      report.problem(event.hours->line, "invalid_hours",
                     kind == DayKind::kHoliday ? "a holiday has no working hours."
                                               : "X-GONGDAN-HOURS must be like 09:00-12:00,13:00-18:00.");
      return;
    }
    hours = std::move(*parsed);
  }
  for (int i = 0; i < length; ++i) {
    if (report.day_count() >= kMaxSpecialDays) {
      report.problem(line, "too_many", "at most " + std::to_string(kMaxSpecialDays) + " dates.");
      return;
    }
    report.add(line, SpecialDay{year_month_day{sys_days{*first} + days{i}}, *kind, name, hours});
  }
}

std::vector<std::string> split_categories(std::string_view value) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || (value[i] == ',' && (i == 0 || value[i - 1] != '\\'))) {
      out.push_back(ascii_upper(unescape_text(core::trim(current))));
      current.clear();
    } else {
      current += value[i];
    }
  }
  return out;
}

/// Appends a content line folded at 75 octets, never inside a UTF-8 sequence.
void append_folded(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(0, cut);
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out += line;
  out += "\r\n";
}

}  // namespace

core::Result<std::vector<SpecialDay>> parse_calendar_ics(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ImportReport report;
  const auto lines = unfold(text);
  if (lines.empty() || lines.front().name != "BEGIN" || core::ascii_lower(lines.front().value) != "vcalendar") {
    report.problem(lines.empty() ? 1 : lines.front().line, "invalid", "not an iCalendar file (BEGIN:VCALENDAR).");
    return std::move(report).finish();
  }
  std::optional<EventFields> event;
  int nested = 0;  // components inside a VEVENT (VALARM), or outside one (VTIMEZONE)
  bool ended = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const std::string value = core::ascii_lower(line.value);
    if (line.name == "BEGIN") {
      if (value == "vevent" && nested == 0 && !event) {
        event = EventFields{};
        event->line = line.line;
      } else {
        ++nested;
      }
      continue;
    }
    if (line.name == "END") {
      if (nested > 0) {
        --nested;
      } else if (value == "vevent" && event) {
        finish_event(*event, report);
        event.reset();
      } else if (value == "vcalendar") {
        ended = true;
        break;
      } else {
        report.problem(line.line, "invalid", "END:" + line.value + " without its BEGIN.");
      }
      continue;
    }
    if (!event || nested > 0) continue;
    if (line.name == "DTSTART") event->start = line;
    if (line.name == "DTEND") event->end = line;
    if (line.name == "DURATION") event->duration = line;
    if (line.name == "SUMMARY") event->summary = line;
    if (line.name == "X-GONGDAN-HOURS") event->hours = line;
    if (line.name == "RRULE" || line.name == "RDATE") event->recurring = true;
    if (line.name == "STATUS" && value == "cancelled") event->cancelled = true;
    if (line.name == "CATEGORIES") {
      for (auto& category : split_categories(line.value)) event->categories.push_back(std::move(category));
    }
  }
  if (event) report.problem(event->line, "invalid", "BEGIN:VEVENT without END:VEVENT.");
  if (!ended && !event) report.problem(lines.back().line, "invalid", "missing END:VCALENDAR.");
  return std::move(report).finish();
}

std::string format_calendar_ics(std::string_view calendar_name, std::vector<SpecialDay> days) {
  std::sort(days.begin(), days.end(), [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  std::string out;
  append_folded(out, "BEGIN:VCALENDAR");
  append_folded(out, "VERSION:2.0");
  append_folded(out, "PRODID:-//Gongdan//Business calendar//EN");
  append_folded(out, "CALSCALE:GREGORIAN");
  append_folded(out, "X-WR-CALNAME:" + escape_text(calendar_name));
  for (std::size_t i = 0; i < days.size();) {
    // A run: consecutive dates that differ in nothing else.
    std::size_t j = i + 1;
    while (j < days.size() && sys_days{days[j].date} == sys_days{days[j - 1].date} + std::chrono::days{1} &&
           days[j].kind == days[i].kind && days[j].name == days[i].name && days[j].hours == days[i].hours) {
      ++j;
    }
    const SpecialDay& day = days[i];
    const std::string start = format_basic_date(day.date);
    const std::string end = format_basic_date(year_month_day{sys_days{days[j - 1].date} + std::chrono::days{1}});
    const std::string kind = day.kind == DayKind::kHoliday ? "HOLIDAY" : "WORKDAY";
    append_folded(out, "BEGIN:VEVENT");
    append_folded(out, "UID:" + start + "-" + core::ascii_lower(kind) + "@" + std::string(calendar_name) + ".gongdan");
    append_folded(out, "DTSTAMP:" + start + "T000000Z");
    append_folded(out, "DTSTART;VALUE=DATE:" + start);
    append_folded(out, "DTEND;VALUE=DATE:" + end);
    append_folded(out, "SUMMARY:" + escape_text(day.name));
    append_folded(out, "CATEGORIES:" + kind);
    append_folded(out, "TRANSP:TRANSPARENT");
    if (day.hours) append_folded(out, "X-GONGDAN-HOURS:" + format_day_hours(*day.hours));
    append_folded(out, "END:VEVENT");
    i = j;
  }
  append_folded(out, "END:VCALENDAR");
  return out;
}

}  // namespace gongdan::domain::sla
