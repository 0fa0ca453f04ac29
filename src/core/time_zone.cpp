#include "core/time_zone.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace gongdan::core {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

struct TimeZone::Data {
  std::string name;
  std::vector<std::int64_t> at;      // transition instants, seconds since the epoch, ascending
  std::vector<std::int32_t> offset;  // the offset in force from at[i] on, seconds east of UTC
  std::int32_t initial_offset = 0;   // before at[0] (RFC 8536: local time type 0)
  std::optional<PosixTzRule> rule;   // after at.back(), or always when the table is empty
  bool fixed = false;                // one offset forever: the fast path for Asia/Shanghai today
};

namespace {

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMsPerDay = 86'400'000;
// Rule transitions are materialised into the table up to here, so that the years a help desk
// lives in cost one binary search instead of evaluating the POSIX rule.
constexpr std::int64_t kExpandRuleUntil = 4'102'444'800;  // 2100-01-01T00:00:00Z
// Real offsets lie within -12..+14 h, historic local mean time within ±16 h; RFC 8536 bounds
// them below 26 h. Anything larger is a corrupt file.
constexpr std::int32_t kMaxOffsetSeconds = 26 * 3600 - 1;
// The largest real TZif file is under 4 KiB; the caps stop a hostile file from allocating much.
constexpr std::uint32_t kMaxTransitions = 50'000;
constexpr std::uint32_t kMaxTypes = 256;
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

Error bad_data(const std::string& name, const std::string& why) {
  return Error::invalid("invalid_time_zone_data", "Time zone " + name + ": " + why + ".");
}

/// Big-endian reads with bounds checks over the file's bytes.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  bool has(std::size_t n) const { return n <= bytes_.size() - pos_; }
  std::size_t pos() const { return pos_; }
  void skip(std::size_t n) { pos_ += n; }
  std::uint8_t u8() { return static_cast<std::uint8_t>(bytes_[pos_++]); }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | u8();
    return v;
  }
  std::int64_t i64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | u8();
    return static_cast<std::int64_t>(v);
  }
  std::int64_t time(std::size_t size) { return size == 8 ? i64() : static_cast<std::int32_t>(u32()); }
  std::string_view rest() const { return bytes_.substr(pos_); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;

  /// In 64-bit arithmetic: hostile 32-bit counts must not wrap into a small, plausible size.
  std::size_t block_size(std::size_t time_size) const {
    const auto n = [](std::uint32_t count) { return static_cast<std::size_t>(count); };
    return n(timecnt) * time_size + n(timecnt) + n(typecnt) * 6 + n(charcnt) + n(leapcnt) * (time_size + 4) +
           n(isstdcnt) + n(isutcnt);
  }
};

std::optional<Header> read_header(ByteReader& in) {
  if (!in.has(44)) return std::nullopt;
  if (in.u8() != 'T' || in.u8() != 'Z' || in.u8() != 'i' || in.u8() != 'f') return std::nullopt;
  Header h;
  h.version = static_cast<char>(in.u8());
  in.skip(15);
  h.isutcnt = in.u32();
  h.isstdcnt = in.u32();
  h.leapcnt = in.u32();
  h.timecnt = in.u32();
  h.typecnt = in.u32();
  h.charcnt = in.u32();
  return h;
}

}  // namespace

TimeZone::TimeZone() : TimeZone(utc()) {}

TimeZone TimeZone::utc() {
  static const auto data = finish(Data{"UTC", {}, {}, 0, std::nullopt, false});
  return TimeZone(data);
}

TimeZone TimeZone::fixed(std::string name, seconds offset) {
  return TimeZone(
      finish(Data{std::move(name), {}, {}, static_cast<std::int32_t>(offset.count()), std::nullopt, false}));
}

Result<TimeZone> TimeZone::from_posix(std::string name, std::string_view rule_text) {
  auto rule = PosixTzRule::parse(rule_text);
  if (!rule) return bad_data(name, "malformed POSIX TZ rule '" + std::string(rule_text) + "'");
  const auto offset = static_cast<std::int32_t>(rule->standard_offset().count());
  return TimeZone(finish(Data{std::move(name), {}, {}, offset, std::move(rule), false}));
}

Result<TimeZone> TimeZone::from_tzif(std::string name, std::string_view bytes) {
  ByteReader in(bytes);
  auto header = read_header(in);
  if (!header) return bad_data(name, "not a TZif file");
  std::size_t time_size = 4;
  if (header->version >= '2') {
    // Version 2+ repeats the data with 64-bit times after the version 1 block; only that copy
    // covers instants past 2038, so skip the first.
    if (!in.has(header->block_size(4))) return bad_data(name, "truncated");
    in.skip(header->block_size(4));
    header = read_header(in);
    if (!header) return bad_data(name, "missing second header");
    time_size = 8;
  }
  const Header& h = *header;
  if (h.typecnt == 0 || h.typecnt > kMaxTypes || h.timecnt > kMaxTransitions) return bad_data(name, "bad counts");
  if ((h.isstdcnt != 0 && h.isstdcnt != h.typecnt) || (h.isutcnt != 0 && h.isutcnt != h.typecnt)) {
    return bad_data(name, "bad indicator counts");
  }
  // Leap-second zones ("right/...") count TAI-like seconds; our instants are POSIX time.
  if (h.leapcnt != 0) return bad_data(name, "leap-second zones are not supported");
  if (!in.has(h.block_size(time_size))) return bad_data(name, "truncated");

  Data data;
  data.name = std::move(name);
  std::vector<std::int64_t> times(h.timecnt);
  for (auto& t : times) t = in.time(time_size);
  std::vector<std::uint8_t> type_of(h.timecnt);
  for (auto& i : type_of) i = in.u8();
  std::vector<std::int32_t> type_offset(h.typecnt);
  for (auto& o : type_offset) {
    o = static_cast<std::int32_t>(in.u32());
    in.skip(2);  // isdst and the abbreviation index: the offset alone decides the arithmetic
    if (o < -kMaxOffsetSeconds || o > kMaxOffsetSeconds) return bad_data(data.name, "offset out of range");
  }
  in.skip(h.charcnt + h.isstdcnt + h.isutcnt);
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (type_of[i] >= h.typecnt) return bad_data(data.name, "bad type index");
    if (i > 0 && times[i] <= times[i - 1]) return bad_data(data.name, "transitions out of order");
    data.at.push_back(times[i]);
    data.offset.push_back(type_offset[type_of[i]]);
  }
  data.initial_offset = type_offset[0];

  if (time_size == 8) {
    const std::string_view rest = in.rest();
    if (rest.empty() || rest[0] != '\n') return bad_data(data.name, "missing footer");
    const auto end = rest.find('\n', 1);
    if (end == std::string_view::npos) return bad_data(data.name, "unterminated footer");
    const std::string_view footer = rest.substr(1, end - 1);
    if (!footer.empty()) {
      data.rule = PosixTzRule::parse(footer);
      if (!data.rule) return bad_data(data.name, "malformed footer rule '" + std::string(footer) + "'");
    }
  }
  return TimeZone(finish(std::move(data)));
}

std::shared_ptr<const TimeZone::Data> TimeZone::finish(Data data) {
  // Drop transitions that change only the abbreviation or the DST flag: callers care about offsets.
  std::vector<std::int64_t> at;
  std::vector<std::int32_t> offset;
  std::int32_t previous = data.initial_offset;
  for (std::size_t i = 0; i < data.at.size(); ++i) {
    if (data.offset[i] == previous) continue;
    at.push_back(data.at[i]);
    offset.push_back(data.offset[i]);
    previous = data.offset[i];
  }
  if (data.rule && data.rule->has_dst() && !data.at.empty()) {
    const std::int64_t table_end = data.at.back();
    auto next = data.rule->next_transition_after(sys_seconds{seconds{table_end}});
    while (next && next->at.time_since_epoch().count() < kExpandRuleUntil) {
      if (static_cast<std::int32_t>(next->offset_after.count()) != previous) {
        at.push_back(next->at.time_since_epoch().count());
        previous = static_cast<std::int32_t>(next->offset_after.count());
        offset.push_back(previous);
      }
      next = data.rule->next_transition_after(next->at);
    }
    // The table now reaches 2100; the rule still answers for later instants.
  }
  data.at = std::move(at);
  data.offset = std::move(offset);
  data.fixed = data.at.empty() && (!data.rule || !data.rule->has_dst());
  if (data.fixed && data.rule) data.initial_offset = static_cast<std::int32_t>(data.rule->standard_offset().count());
  return std::make_shared<const Data>(std::move(data));
}

bool TimeZone::is_valid_name(std::string_view name) {
  // The name becomes a path under the zoneinfo directory: no dots, no empty component, no
  // leading slash, so `../../etc/passwd` and `/etc/shadow` cannot be read.
  if (name.empty() || name.size() > 255) return false;
  std::size_t component = 0;
  for (const char c : name) {
    if (c == '/') {
      if (component == 0) return false;
      component = 0;
      continue;
    }
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
    ++component;
  }
  return component != 0;
}

std::filesystem::path TimeZone::default_zoneinfo_dir() {
  const char* tzdir = std::getenv("TZDIR");
  return tzdir != nullptr && *tzdir != '\0' ? std::filesystem::path(tzdir)
                                            : std::filesystem::path("/usr/share/zoneinfo");
}

Result<TimeZone> TimeZone::load(std::string_view name, const std::filesystem::path& zoneinfo_dir) {
  if (!is_valid_name(name)) {
    // Built with append: GCC 12 at -O3 mis-warns (-Wrestrict, PR 105329) on "'" + std::string.
    return Error::invalid("invalid_time_zone", std::string("'").append(name).append("' is not a time zone name."));
  }
  const auto path = zoneinfo_dir / std::string(name);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path, ec)) {
    return Error::not_found("No such time zone: " + std::string(name) + ".");
  }
  if (size > kMaxFileBytes) return bad_data(std::string(name), "file too large");
  std::ifstream file(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (!file && !file.eof()) return Error::unavailable("Cannot read time zone " + std::string(name) + ".");
  return from_tzif(std::string(name), bytes);
}

Result<TimeZone> TimeZone::locate(std::string_view name) {
  // Only zones that exist are remembered, and zoneinfo holds a few hundred: the cache is bounded.
  static std::mutex mutex;
  static std::unordered_map<std::string, TimeZone> cache;
  const std::string key(name);
  {
    const std::lock_guard lock(mutex);
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto loaded = load(name, default_zoneinfo_dir());
  if (!loaded && loaded.error().code == ErrorCode::kNotFound) {
    if (key == "UTC" || key == "Etc/UTC") loaded = TimeZone(finish(Data{key, {}, {}, 0, std::nullopt, false}));
    if (key == "Asia/Shanghai" || key == "PRC") loaded = from_posix(key, "CST-8");
  }
  if (!loaded) return loaded;
  const std::lock_guard lock(mutex);
  return cache.emplace(key, *loaded).first->second;
}

const std::string& TimeZone::name() const { return data_->name; }

seconds TimeZone::offset_at(Timestamp t) const {
  const Data& d = *data_;
  if (d.fixed) return seconds{d.initial_offset};
  const std::int64_t s = std::chrono::floor<seconds>(t).time_since_epoch().count();
  if (d.at.empty()) return d.rule->offset_at(sys_seconds{seconds{s}});
  const auto it = std::upper_bound(d.at.begin(), d.at.end(), s);
  if (it == d.at.begin()) return seconds{d.initial_offset};
  if (it == d.at.end() && d.rule) return d.rule->offset_at(sys_seconds{seconds{s}});
  return seconds{d.offset[static_cast<std::size_t>(it - d.at.begin() - 1)]};
}

std::optional<ZoneTransition> TimeZone::next_transition(Timestamp t) const {
  const Data& d = *data_;
  if (d.fixed) return std::nullopt;
  const std::int64_t s = std::chrono::floor<seconds>(t).time_since_epoch().count();
  const auto it = std::upper_bound(d.at.begin(), d.at.end(), s);
  if (it != d.at.end()) {
    const auto i = static_cast<std::size_t>(it - d.at.begin());
    return ZoneTransition{sys_seconds{seconds{d.at[i]}}, seconds{d.offset[i]}};
  }
  if (!d.rule) return std::nullopt;
  const std::int64_t from = d.at.empty() ? s : std::max(s, d.at.back());
  return d.rule->next_transition_after(sys_seconds{seconds{from}});
}

LocalTime TimeZone::to_local(Timestamp t) const {
  return LocalTime{t.time_since_epoch() + std::chrono::duration_cast<milliseconds>(offset_at(t))};
}

namespace {

/// One pass over the stretches of constant offset around a local reading `u` (ms): which
/// instants show it, and the earliest instant that shows it or anything later.
struct Resolution {
  std::int64_t reach = 0;
  std::int64_t first = 0;
  std::int64_t last = 0;
  int count = 0;
};

Resolution resolve_reading(const TimeZone& zone, std::int64_t u) {
  // Every offset lies within ±26 h, so the instants showing `u` lie within two days of it read
  // as UTC, and two days before it the wall clock certainly reads earlier.
  std::int64_t start = u - 2 * kMsPerDay;
  std::int64_t offset = zone.offset_at(from_epoch_ms(start)).count() * kMsPerSecond;
  Resolution r;
  bool reached = false;
  while (true) {
    const auto next = zone.next_transition(from_epoch_ms(start));
    const std::int64_t end =
        next ? next->at.time_since_epoch().count() * kMsPerSecond : std::numeric_limits<std::int64_t>::max();
    const std::int64_t t = u - offset;
    if (t >= start && t < end) {
      if (r.count == 0) r.first = t;
      r.last = t;
      ++r.count;
    }
    // The wall clock in [start, end) reads [start + offset, end + offset).
    if (!reached && (!next || end + offset > u)) {
      r.reach = std::max(start, t);
      reached = true;
    }
    if (!next || end > u + 2 * kMsPerDay) break;
    start = end;
    offset = next->offset_after.count() * kMsPerSecond;
  }
  return r;
}

}  // namespace

Timestamp TimeZone::to_utc(LocalTime local) const {
  if (data_->fixed) return Timestamp{local.time_since_epoch() - seconds{data_->initial_offset}};
  return from_epoch_ms(resolve_reading(*this, local.time_since_epoch().count()).reach);
}

LocalTimeInfo TimeZone::resolve(LocalTime local) const {
  const Resolution r = resolve_reading(*this, local.time_since_epoch().count());
  if (r.count == 0) return {LocalTimeInfo::Kind::kSkipped, from_epoch_ms(r.reach), from_epoch_ms(r.reach)};
  if (r.count == 1) return {LocalTimeInfo::Kind::kUnique, from_epoch_ms(r.first), from_epoch_ms(r.first)};
  return {LocalTimeInfo::Kind::kRepeated, from_epoch_ms(r.first), from_epoch_ms(r.last)};
}

}  // namespace gongdan::core
