#include "domain/sla/working_hours.hpp"

#include <array>
#include <cstdio>
#include <optional>

namespace gongdan::domain::sla {
namespace {

using std::chrono::minutes;

/// `HH:MM` with HH 00-24 (24 only as 24:00) and MM 00-59.
std::optional<minutes> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0U, 1U, 3U, 4U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return minutes{h * 60 + m};
}

std::string format_clock(minutes value) {
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02d:%02d", static_cast<int>(value.count() / 60),
                static_cast<int>(value.count() % 60));
  return buffer.data();
}

bool is_separator(char c) { return c == ',' || c == ';' || c == ' ' || c == '\t'; }

}  // namespace

core::Result<DayHours> parse_day_hours(std::string_view text, std::string_view field) {
  DayHours hours;
  std::size_t pos = 0;
  // A day has a handful of intervals; the cap stops a hostile string from building a huge list.
  constexpr std::size_t kMaxIntervals = 24;
  while (pos < text.size()) {
    if (is_separator(text[pos])) {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && !is_separator(text[end])) ++end;
    const std::string_view token = text.substr(pos, end - pos);
    const std::string name = std::string(field) + "[" + std::to_string(hours.size()) + "]";
    const auto dash = token.find('-');
    const auto begin_time = dash == std::string_view::npos ? std::nullopt : parse_clock(token.substr(0, dash));
    const auto end_time = dash == std::string_view::npos ? std::nullopt : parse_clock(token.substr(dash + 1));
    if (!begin_time || !end_time) {
      return core::Error::field(name, "invalid",
                                std::string("'").append(token).append("' is not an interval like 09:00-18:00."));
    }
    if (hours.size() == kMaxIntervals)
      return core::Error::field(std::string(field), "too_many", "At most 24 intervals.");
    hours.push_back({*begin_time, *end_time});
    pos = end;
  }
  auto problems = check_day_hours(field, hours);
  if (!problems.empty()) return core::Error::validation(std::move(problems));
  return hours;
}

std::string format_day_hours(const DayHours& hours) {
  std::string text;
  for (const auto& interval : hours) {
    if (!text.empty()) text += ',';
    text += format_clock(interval.begin) + "-" + format_clock(interval.end);
  }
  return text;
}

std::vector<core::FieldError> check_day_hours(std::string_view field, const DayHours& hours) {
  std::vector<core::FieldError> problems;
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const auto& interval = hours[i];
    const std::string name = std::string(field) + "[" + std::to_string(i) + "]";
    if (interval.begin < minutes{0} || interval.end > kDayMinutes || interval.begin >= interval.end) {
      problems.push_back({name, "invalid_interval", "An interval begins before it ends, within 00:00-24:00."});
    } else if (i > 0 && interval.begin < hours[i - 1].end) {
      problems.push_back({name, "overlapping", "Intervals must be in order and must not overlap."});
    }
  }
  return problems;
}

std::chrono::minutes nominal_length(const DayHours& hours) {
  minutes total{0};
  for (const auto& interval : hours) total += interval.end - interval.begin;
  return total;
}

}  // namespace gongdan::domain::sla
