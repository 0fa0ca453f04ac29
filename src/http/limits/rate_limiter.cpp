#include "http/limits/rate_limiter.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

namespace gongdan::http {
namespace {

// Exact integer accounting: one token is `period_ms` units and a bucket gains `count` units per
// millisecond, so no rounding ever lets a request through early or refuses one late.
std::int64_t period_ms(const RateRule& rule) {
  return std::max<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(rule.per).count(), 1);
}

std::int64_t capacity(const RateRule& rule) { return static_cast<std::int64_t>(rule.burst) * period_ms(rule); }

}  // namespace

std::string rate_limit_subject(std::string_view ip) {
  // One IPv6 host is routinely given a whole /64: keyed per address, it could rotate through
  // 2^64 of them and never meet its budget (password guessing past the login limit).
  if (ip.find(':') == std::string_view::npos) return std::string(ip);
  std::string text(ip);
  in6_addr address{};
  if (inet_pton(AF_INET6, text.c_str(), &address) != 1) return text;
  std::fill(std::begin(address.s6_addr) + 8, std::end(address.s6_addr), std::uint8_t{0});
  std::array<char, INET6_ADDRSTRLEN> out{};
  if (inet_ntop(AF_INET6, &address, out.data(), out.size()) == nullptr) return text;
  return std::string(out.data()) + "/64";
}

RateLimiter::RateLimiter(RateLimitSettings settings, const core::Clock& clock, std::size_t max_buckets)
    : settings_(settings), clock_(clock), max_buckets_(std::max<std::size_t>(max_buckets, 1)) {}

const RateRule& RateLimiter::rule(RateAction action) const {
  switch (action) {
    case RateAction::kLogin: return settings_.login;
    case RateAction::kRegister: return settings_.registration;
    case RateAction::kLookup: return settings_.lookup;
    case RateAction::kSubmit: return settings_.submit;
    case RateAction::kMail: return settings_.mail;
  }
  return settings_.login;
}

std::int64_t RateLimiter::refilled(const Bucket& bucket, const RateRule& r, std::int64_t now_ms) const {
  const std::int64_t elapsed = std::max<std::int64_t>(now_ms - bucket.last_ms, 0);
  const std::int64_t cap = capacity(r);
  // Saturate before multiplying: a bucket idle for years must not overflow.
  if (elapsed >= cap) return cap;
  return std::min(cap, bucket.units + elapsed * static_cast<std::int64_t>(r.count));
}

RateDecision RateLimiter::take(RateAction action, std::string_view ip) {
  if (!settings_.enabled) return {};
  const RateRule& r = rule(action);
  const std::int64_t now_ms = core::to_epoch_ms(clock_.now());
  const std::string subject = rate_limit_subject(ip);
  std::string key;
  key.reserve(subject.size() + 2);
  key.push_back(static_cast<char>('0' + static_cast<int>(action)));
  key.push_back(' ');
  key.append(subject);

  const std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_buckets_) evict(now_ms);
    it = buckets_.emplace(std::move(key), Bucket{capacity(r), now_ms}).first;
  }
  Bucket& bucket = it->second;
  bucket.units = refilled(bucket, r, now_ms);
  bucket.last_ms = std::max(bucket.last_ms, now_ms);
  const std::int64_t cost = period_ms(r);
  if (bucket.units >= cost) {
    bucket.units -= cost;
    return {};
  }
  if (r.count == 0) return {false, std::chrono::duration_cast<std::chrono::seconds>(r.per)};
  const std::int64_t wait_ms = (cost - bucket.units + r.count - 1) / r.count;
  return {false, std::chrono::seconds{std::max<std::int64_t>((wait_ms + 999) / 1000, 1)}};
}

void RateLimiter::evict(std::int64_t now_ms) {
  // A bucket that has refilled completely is the same as no bucket: drop those first.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const RateRule& r = rule(static_cast<RateAction>(it->first.front() - '0'));
    if (refilled(it->second, r, now_ms) >= capacity(r)) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  if (buckets_.size() < max_buckets_) return;
  // Still full of active buckets (a flood): forget the least recently used half.
  std::vector<std::int64_t> times;
  times.reserve(buckets_.size());
  for (const auto& [key, bucket] : buckets_) times.push_back(bucket.last_ms);
  const auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), middle, times.end());
  const std::int64_t cutoff = *middle;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    if (it->second.last_ms <= cutoff) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

std::size_t RateLimiter::bucket_count() const {
  const std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace gongdan::http
