#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gongdan::domain::sla {

/// A service-level target as admins write it: `90m`, `8h`, `1h30m`, `3d`, `1d4h`.
///
/// `h` and `m` are working time measured on the policy's calendar (on the 24×7 calendar, plain
/// hours). `d` is a **working day** of that calendar, not 24 hours: "3d" from Monday 10:00 on a
/// Monday-Friday calendar is Thursday 10:00, skipping holidays and counting make-up workdays,
/// however long each day's hours are (see add_working_days). On the 24×7 calendar a day is 24 h.
/// Days are applied first, then the time: `1d2h`.
struct SlaDuration {
  int working_days = 0;
  std::chrono::minutes time{0};
  bool operator==(const SlaDuration&) const = default;
};

/// The largest target accepted: ten years of days, or of hours. Larger values are typos, and
/// the cap keeps the arithmetic far from overflow.
inline constexpr int kMaxSlaDays = 3650;
inline constexpr std::chrono::minutes kMaxSlaTime{3650LL * 24 * 60};

/// Reads `[Nd][Nh][Nm]`: at least one part, in that order, each at most once, lower case,
/// optional spaces between parts. Error kInvalid on field `duration` otherwise (a bare number
/// has no unit and is refused rather than guessed).
core::Result<SlaDuration> parse_sla_duration(std::string_view text);

/// The canonical spelling: `1d2h30m`, `90m` as `1h30m`, zero as `0m`.
std::string format_sla_duration(const SlaDuration& duration);

}  // namespace gongdan::domain::sla
