#include "core/clock.hpp"

#include <ctime>

namespace gongdan::core {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

CivilDate SystemClock::local_date(Timestamp t) const {
  // GCC 12 has no std::chrono::zoned_time; localtime_r honours TZ and is thread-safe.
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm local{};
  localtime_r(&seconds, &local);
  return {local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1), static_cast<unsigned>(local.tm_mday)};
}

std::chrono::seconds SystemClock::utc_offset(Timestamp t) const {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm local{};
  localtime_r(&seconds, &local);
  return std::chrono::seconds{local.tm_gmtoff};
}

}  // namespace gongdan::core
