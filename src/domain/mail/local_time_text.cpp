#include "domain/mail/local_time_text.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

namespace gongdan::domain {

std::string local_time_text(core::Timestamp t, std::chrono::seconds utc_offset, Locale locale) {
  const auto local = t + utc_offset;
  const auto days = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::minutes>(local - days)};
  const auto offset_minutes = std::chrono::duration_cast<std::chrono::minutes>(utc_offset).count();
  const char sign = offset_minutes < 0 ? '-' : '+';
  const auto magnitude = std::abs(offset_minutes);
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  const unsigned day = static_cast<unsigned>(ymd.day());
  const auto hour = hms.hours().count();
  const auto minute = hms.minutes().count();
  std::array<char, 96> out{};
  if (locale == Locale::kZhCn) {
    std::snprintf(out.data(), out.size(), "%d年%u月%u日 %02d:%02d（UTC%c%02lld:%02lld）", year, month, day,
                  static_cast<int>(hour), static_cast<int>(minute), sign, static_cast<long long>(magnitude / 60),
                  static_cast<long long>(magnitude % 60));
  } else {
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::snprintf(out.data(), out.size(), "%u %s %d, %02d:%02d (UTC%c%02lld:%02lld)", day, kMonths[month - 1], year,
                  static_cast<int>(hour), static_cast<int>(minute), sign, static_cast<long long>(magnitude / 60),
                  static_cast<long long>(magnitude % 60));
  }
  return out.data();
}

}  // namespace gongdan::domain
