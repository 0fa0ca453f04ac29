#pragma once

#include "core/time.hpp"

namespace gongdan::core {

/// The only source of "now": injected everywhere, so tests control time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  /// The calendar date of `t` in the server's time zone (ticket numbers start with it).
  virtual CivilDate local_date(Timestamp t) const = 0;
  /// The server time zone's offset from UTC at `t` (+08:00 in Asia/Shanghai), for times in mail.
  virtual std::chrono::seconds utc_offset(Timestamp t) const = 0;
};

/// The real clock: system time, dates in the process time zone (TZ, else /etc/localtime).
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
  CivilDate local_date(Timestamp t) const override;
  std::chrono::seconds utc_offset(Timestamp t) const override;
};

}  // namespace gongdan::core
