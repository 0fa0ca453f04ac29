#include "domain/sla/special_day.hpp"

namespace gongdan::domain::sla {

std::string_view to_string(DayKind kind) { return kind == DayKind::kHoliday ? "holiday" : "workday"; }

std::optional<DayKind> parse_day_kind(std::string_view text) {
  if (text == "holiday") return DayKind::kHoliday;
  if (text == "workday") return DayKind::kWorkday;
  return std::nullopt;
}

}  // namespace gongdan::domain::sla
