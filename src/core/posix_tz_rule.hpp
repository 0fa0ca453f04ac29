#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gongdan::core {

/// A change of UTC offset at an instant; offsets are east of UTC (Shanghai is +8 h).
struct ZoneTransition {
  std::chrono::sys_seconds at;
  std::chrono::seconds offset_after;
  bool operator==(const ZoneTransition&) const = default;
};

/// A POSIX TZ rule such as `EST5EDT,M3.2.0,M11.1.0` or `CST-8`: a standard offset, optionally a
/// daylight offset and the yearly moments between them. TZif files end with one (RFC 8536 §3.3)
/// to describe every instant after their table of transitions.
class PosixTzRule {
 public:
  /// Parses the rule, with RFC 8536's extensions (hours -167..167 in rule times); nullopt when
  /// malformed. A daylight name without dates uses the US rule `M3.2.0,M11.1.0`, as glibc does.
  static std::optional<PosixTzRule> parse(std::string_view text);

  /// The UTC offset in force at `t`.
  std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
  /// The first change of offset strictly after `t`; nullopt for a rule without daylight time.
  std::optional<ZoneTransition> next_transition_after(std::chrono::sys_seconds t) const;

  bool has_dst() const { return has_dst_; }
  std::chrono::seconds standard_offset() const { return std_offset_; }
  std::chrono::seconds daylight_offset() const { return dst_offset_; }
  const std::string& text() const { return text_; }

 private:
  /// One of the rule's two yearly dates (`Jn`, `n` or `Mm.w.d`) with its local time of day.
  struct DateRule {
    enum class Form { kJulianNoLeap, kZeroBased, kMonthWeekDay };
    Form form = Form::kMonthWeekDay;
    int number = 0;
    unsigned month = 0;
    unsigned week = 0;
    unsigned weekday = 0;
    std::chrono::seconds time{2 * 3600};
    /// The wall-clock moment in `year`, expressed as if it were UTC.
    std::chrono::sys_seconds local_moment(int year) const;
  };
  struct Event {
    std::chrono::sys_seconds at;
    bool dst_starts = false;
  };
  friend class PosixTzParser;

  /// The year's start and end of daylight time, as UTC instants.
  std::array<Event, 2> events_in(int year) const;

  std::string text_;
  std::chrono::seconds std_offset_{0};
  std::chrono::seconds dst_offset_{0};
  bool has_dst_ = false;
  DateRule start_;
  DateRule end_;
};

}  // namespace gongdan::core
