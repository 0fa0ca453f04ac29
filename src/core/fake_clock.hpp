#pragma once

#include <atomic>
#include <chrono>

#include "core/clock.hpp"

namespace gongdan::core {

/// A clock for tests: time moves only when told; dates are taken in UTC+8 (Asia/Shanghai).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_ms_(to_epoch_ms(start)) {}
  Timestamp now() const override { return from_epoch_ms(now_ms_.load()); }
  CivilDate local_date(Timestamp t) const override {
    const auto days = std::chrono::floor<std::chrono::days>(t + std::chrono::hours{8});
    const std::chrono::year_month_day ymd{days};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
  }
  std::chrono::seconds utc_offset(Timestamp) const override { return std::chrono::hours{8}; }
  void advance(std::chrono::milliseconds by) { now_ms_ += by.count(); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace gongdan::core
