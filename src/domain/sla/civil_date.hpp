#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gongdan::domain::sla {

/// Reads `YYYY-MM-DD` (exactly; a real date); nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

/// Writes `YYYY-MM-DD`.
std::string format_iso_date(std::chrono::year_month_day date);

}  // namespace gongdan::domain::sla
