#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gongdan::core {

/// A moment in UTC, to the millisecond: how every time is stored and compared.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// A calendar date in some time zone.
struct CivilDate {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  auto operator<=>(const CivilDate&) const = default;
};

/// RFC 3339 in UTC with milliseconds: 2026-11-25T19:11:40.123Z.
std::string format_rfc3339(Timestamp t);

/// Parses RFC 3339 (`Z` or a numeric offset, optional fraction); nullopt when malformed.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

inline std::int64_t to_epoch_ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_epoch_ms(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }

}  // namespace gongdan::core
