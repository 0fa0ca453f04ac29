#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "http/server.hpp"

namespace gongdan::http {

/// The actions with their own per-IP budget.
enum class RateAction : std::uint8_t { kLogin, kRegister, kLookup, kSubmit, kMail };

/// The verdict on one request: allowed, or how long to wait.
struct RateDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};
};

/// What one budget is kept for: an IPv4 address as is, an IPv6 address by its /64 prefix (the
/// block one host or subscriber is given), anything unparsable as is.
std::string rate_limit_subject(std::string_view ip);

/// Per-IP token buckets, one per action. Thread-safe; memory-bounded: buckets that have refilled
/// are dropped, and when too many remain the least recently used go first.
class RateLimiter {
 public:
  RateLimiter(RateLimitSettings settings, const core::Clock& clock, std::size_t max_buckets = kDefaultMaxBuckets);

  /// Takes one token from the bucket of (action, ip); always allowed when limits are off.
  RateDecision take(RateAction action, std::string_view ip);

  std::size_t bucket_count() const;

  // Bounds the bucket table: a flood of spoofed or rotating addresses cannot exhaust memory.
  static constexpr std::size_t kDefaultMaxBuckets = 100'000;

 private:
  struct Bucket {
    std::int64_t units = 0;    // tokens x the rule's period in ms
    std::int64_t last_ms = 0;  // when `units` was last brought up to date
  };

  const RateRule& rule(RateAction action) const;
  std::int64_t refilled(const Bucket& bucket, const RateRule& rule, std::int64_t now_ms) const;
  void evict(std::int64_t now_ms);

  RateLimitSettings settings_;
  const core::Clock& clock_;
  std::size_t max_buckets_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gongdan::http
