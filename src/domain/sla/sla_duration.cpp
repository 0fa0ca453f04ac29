#include "domain/sla/sla_duration.hpp"

namespace gongdan::domain::sla {

core::Result<SlaDuration> parse_sla_duration(std::string_view text) {
  const auto invalid = [&](const std::string& why) {
    return core::Error::field("duration", "invalid", std::string("'").append(text).append("': ").append(why));
  };
  SlaDuration result;
  std::int64_t minutes = 0;
  int last_unit = -1;  // 0 = d, 1 = h, 2 = m: each unit once, largest first
  std::size_t pos = 0;
  bool any = false;
  while (pos < text.size()) {
    if (text[pos] == ' ') {
      ++pos;
      continue;
    }
    std::int64_t value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      // Seven digits exceed every cap below; stopping here keeps value far from overflow.
      if (++digits > 7) return invalid("number too large.");
      value = value * 10 + (text[pos] - '0');
      ++pos;
    }
    if (digits == 0 || pos == text.size()) return invalid("write a number and a unit, like 90m, 8h or 3d.");
    const char unit = text[pos++];
    const int order = unit == 'd' ? 0 : unit == 'h' ? 1 : unit == 'm' ? 2 : -1;
    if (order < 0) return invalid("units are d (working days), h and m.");
    if (order <= last_unit) return invalid("write days, then hours, then minutes, each once.");
    last_unit = order;
    any = true;
    if (order == 0) {
      if (value > kMaxSlaDays) return invalid("at most " + std::to_string(kMaxSlaDays) + " days.");
      result.working_days = static_cast<int>(value);
    } else {
      minutes += order == 1 ? value * 60 : value;
    }
  }
  if (!any) return invalid("write a number and a unit, like 90m, 8h or 3d.");
  if (minutes > kMaxSlaTime.count()) return invalid("too long.");
  result.time = std::chrono::minutes{minutes};
  return result;
}

std::string format_sla_duration(const SlaDuration& duration) {
  std::string text;
  if (duration.working_days > 0) text += std::to_string(duration.working_days) + "d";
  const auto total = duration.time.count();
  if (total / 60 > 0) text += std::to_string(total / 60) + "h";
  if (total % 60 > 0 || text.empty()) text += std::to_string(total % 60) + "m";
  return text;
}

}  // namespace gongdan::domain::sla
