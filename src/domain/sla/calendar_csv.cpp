#include "domain/sla/calendar_csv.hpp"

#include <algorithm>
#include <optional>

#include "core/utf8.hpp"
#include "domain/sla/calendar_definition.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/sla/import_report.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain::sla {
namespace {

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// Splits one line into fields; quoted fields keep commas and take "" as a quote. nullopt for
/// an unterminated quote.
std::optional<std::vector<std::string>> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  while (true) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    std::string field;
    if (pos < line.size() && line[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < line.size()) {
        if (line[pos] == '"') {
          if (pos + 1 < line.size() && line[pos + 1] == '"') {
            field += '"';
            pos += 2;
            continue;
          }
          ++pos;
          closed = true;
          break;
        }
        field += line[pos++];
      }
      if (!closed) return std::nullopt;
      while (pos < line.size() && line[pos] != ',') {
        if (line[pos] != ' ' && line[pos] != '\t') return std::nullopt;  // text after a closing quote
        ++pos;
      }
    } else {
      const std::size_t comma = std::min(line.find(',', pos), line.size());
      field = std::string(trim_spaces(line.substr(pos, comma - pos)));
      pos = comma;
    }
    fields.push_back(std::move(field));
    if (pos >= line.size()) return fields;
    ++pos;  // the comma
  }
}

bool is_header(const std::vector<std::string>& fields) {
  return fields.size() >= 3 && core::ascii_lower(fields[0]) == "date" && core::ascii_lower(fields[1]) == "kind" &&
         core::ascii_lower(fields[2]) == "name" && (fields.size() == 3 || core::ascii_lower(fields[3]) == "hours");
}

std::string csv_field(std::string_view field) {
  const bool needs_quotes = field.find_first_of(",\"") != std::string_view::npos ||
                            (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

core::Result<std::vector<SpecialDay>> parse_calendar_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheets write a BOM
  ImportReport report;
  bool data_seen = false;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t newline = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(std::min(newline + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = trim_spaces(line);
    if (line.empty() || line.front() == '#') continue;
    const auto fields = split_fields(line);
    if (!fields) {
      report.problem(line_number, "invalid", "unterminated quote.");
      continue;
    }
    if (!data_seen && is_header(*fields)) {
      data_seen = true;
      continue;
    }
    data_seen = true;
    if (fields->size() < 3 || fields->size() > 4) {
      report.problem(line_number, "invalid", "expected date,kind,name[,hours]; quote a name that contains a comma.");
      continue;
    }
    if (report.day_count() >= kMaxSpecialDays) {
      report.problem(line_number, "too_many", "at most " + std::to_string(kMaxSpecialDays) + " dates.");
      break;
    }
    const auto date = parse_iso_date((*fields)[0]);
    const auto kind = parse_day_kind(core::ascii_lower((*fields)[1]));
    if (!date) report.problem(line_number, "invalid_date", "'" + (*fields)[0] + "' is not a date like 2026-02-14.");
    if (!kind) report.problem(line_number, "invalid_kind", "kind '" + (*fields)[1] + "' is not holiday or workday.");
    if (auto name_problem = check_text("name", (*fields)[2], kMaxSpecialDayNameLength, Presence::kOptional)) {
      report.problem(line_number, "invalid_name", "name: " + name_problem->message);
    }
    SpecialDay day{date.value_or(std::chrono::year_month_day{}), kind.value_or(DayKind::kHoliday), (*fields)[2], {}};
    if (fields->size() == 4 && !(*fields)[3].empty()) {
      auto hours = parse_day_hours((*fields)[3]);
      if (!hours) {
        report.problem(line_number, "invalid_hours", "hours: " + hours.error().fields.front().message);
      } else if (kind == DayKind::kHoliday) {
        report.problem(line_number, "invalid_hours", "a holiday has no working hours.");
      } else if (hours->empty()) {
        report.problem(line_number, "invalid_hours", "a workday needs working hours.");
      } else {
        day.hours = std::move(*hours);
      }
    }
    if (date && kind) report.add(line_number, std::move(day));
  }
  return std::move(report).finish();
}

std::string format_calendar_csv(std::vector<SpecialDay> days, std::string_view comment) {
  std::sort(days.begin(), days.end(), [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  std::string out;
  while (!comment.empty()) {
    const std::size_t newline = std::min(comment.find('\n'), comment.size());
    out.append("# ").append(comment.substr(0, newline)).append("\n");
    comment.remove_prefix(std::min(newline + 1, comment.size()));
  }
  const bool with_hours =
      std::any_of(days.begin(), days.end(), [](const SpecialDay& d) { return d.hours.has_value(); });
  out += with_hours ? "date,kind,name,hours\n" : "date,kind,name\n";
  for (const auto& day : days) {
    out += format_iso_date(day.date) + "," + std::string(to_string(day.kind)) + "," + csv_field(day.name);
    if (with_hours) out.append(",").append(day.hours ? csv_field(format_day_hours(*day.hours)) : std::string());
    out += "\n";
  }
  return out;
}

}  // namespace gongdan::domain::sla
