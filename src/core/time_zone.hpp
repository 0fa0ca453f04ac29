#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/posix_tz_rule.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace gongdan::core {

/// A wall-clock reading with no zone attached, to the millisecond.
using LocalTime = std::chrono::local_time<std::chrono::milliseconds>;

/// How one wall-clock reading maps to instants in a zone.
struct LocalTimeInfo {
  enum class Kind {
    kUnique,    // exactly one instant shows this reading
    kSkipped,   // the clocks jumped over it (spring forward); `first` is the instant of the jump
    kRepeated,  // the clocks showed it twice (fall back); `first` and `second` are both instants
  };
  Kind kind = Kind::kUnique;
  Timestamp first;
  Timestamp second;
};

/// An IANA time zone (Asia/Shanghai, America/New_York, ...): its UTC offset at every instant,
/// read from a TZif file (RFC 8536, versions 1-4) including the POSIX rule that describes the
/// years after the file's table. GCC 12 ships no std::chrono::tzdb, hence our own.
///
/// A copy is cheap (shared immutable data) and safe to use from any thread.
///
/// Local to UTC, `to_utc`, answers *the earliest instant whose wall clock reads at or after the
/// given time*: a reading the clocks skipped maps to the instant of the jump (02:30 on a
/// spring-forward night is 03:00 daylight time), and a repeated reading maps to its first
/// occurrence (01:30 on a fall-back night is 01:30 daylight time). This rule is monotonic, so a
/// working interval 01:00-03:00 always maps to the real time that elapses between the two clock
/// readings (1 h on the spring-forward night, 3 h on the fall-back night).
class TimeZone {
 public:
  /// UTC.
  TimeZone();
  static TimeZone utc();
  /// A zone that is always `offset` east of UTC.
  static TimeZone fixed(std::string name, std::chrono::seconds offset);
  /// A zone described only by a POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3`.
  static Result<TimeZone> from_posix(std::string name, std::string_view rule);
  /// Parses the bytes of a TZif file. Error kInvalid with reason `invalid_time_zone_data`.
  static Result<TimeZone> from_tzif(std::string name, std::string_view bytes);
  /// Reads `<zoneinfo_dir>/<name>`. kInvalid for a malformed name (`invalid_time_zone`), kNotFound
  /// when there is no such file.
  static Result<TimeZone> load(std::string_view name, const std::filesystem::path& zoneinfo_dir);
  /// `load` from the default directory, memoised for the process (a file is read once). When the
  /// file is missing, UTC and Asia/Shanghai (`CST-8`, exact since 1991) still resolve, so the
  /// shipped calendars work on a host without tzdata.
  static Result<TimeZone> locate(std::string_view name);
  /// $TZDIR when set, else /usr/share/zoneinfo.
  static std::filesystem::path default_zoneinfo_dir();
  /// `Area/City` style: ASCII letters, digits, `_ + - /`, no empty or dot-only component.
  static bool is_valid_name(std::string_view name);

  const std::string& name() const;
  /// The offset east of UTC in force at `t`.
  std::chrono::seconds offset_at(Timestamp t) const;
  /// The first change of offset strictly after `t`, if the zone has one.
  std::optional<ZoneTransition> next_transition(Timestamp t) const;

  LocalTime to_local(Timestamp t) const;
  /// The earliest instant whose wall clock reads at or after `local` (see the class comment).
  Timestamp to_utc(LocalTime local) const;
  /// Every instant that shows `local`, for callers that need a rule of their own.
  LocalTimeInfo resolve(LocalTime local) const;

  /// Zones are equal when their names are: one name, one rule set, within a process.
  bool operator==(const TimeZone& other) const { return name() == other.name(); }

 private:
  struct Data;
  explicit TimeZone(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  static std::shared_ptr<const Data> finish(Data data);

  std::shared_ptr<const Data> data_;
};

}  // namespace gongdan::core
