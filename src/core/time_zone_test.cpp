#include "core/time_zone.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>

namespace gongdan::core {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

Timestamp at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

LocalTime local(int y, unsigned mo, unsigned d, int h, int mi = 0) {
  using namespace std::chrono;
  return LocalTime{local_days{year{y} / month{mo} / day{d}}.time_since_epoch() + hours{h} + minutes{mi}};
}

TimeZone zone(const char* name) {
  auto z = TimeZone::locate(name);
  EXPECT_TRUE(z) << name;
  return *z;
}

TEST(TimeZone, ShanghaiIsUtcPlusEightTodayAndHadDaylightTimeIn1988) {
  const auto shanghai = zone("Asia/Shanghai");
  EXPECT_EQ(shanghai.name(), "Asia/Shanghai");
  EXPECT_EQ(shanghai.offset_at(at("2026-02-14T01:00:00Z")), hours{8});
  EXPECT_EQ(shanghai.to_local(at("2026-02-14T01:00:00Z")), local(2026, 2, 14, 9));
  EXPECT_EQ(shanghai.to_utc(local(2026, 2, 14, 9)), at("2026-02-14T01:00:00Z"));
  EXPECT_EQ(shanghai.offset_at(at("1988-07-01T00:00:00Z")), hours{9});
  EXPECT_EQ(shanghai.offset_at(at("2200-07-01T00:00:00Z")), hours{8});
  EXPECT_FALSE(shanghai.next_transition(at("2026-01-01T00:00:00Z")));
}

TEST(TimeZone, NewYorkSpringForwardSkipsAnHour) {
  const auto ny = zone("America/New_York");
  EXPECT_EQ(ny.offset_at(at("2026-03-08T06:59:59.999Z")), hours{-5});
  EXPECT_EQ(ny.offset_at(at("2026-03-08T07:00:00Z")), hours{-4});
  EXPECT_EQ(ny.next_transition(at("2026-01-01T00:00:00Z")),
            (ZoneTransition{std::chrono::floor<std::chrono::seconds>(at("2026-03-08T07:00:00Z")), hours{-4}}));
  EXPECT_EQ(ny.to_utc(local(2026, 3, 8, 1, 59)), at("2026-03-08T06:59:00Z"));
  // 02:00-02:59 never shows: they map to the jump, 03:00 EDT.
  const auto info = ny.resolve(local(2026, 3, 8, 2, 30));
  EXPECT_EQ(info.kind, LocalTimeInfo::Kind::kSkipped);
  EXPECT_EQ(info.first, at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(ny.to_utc(local(2026, 3, 8, 2, 0)), at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(ny.to_utc(local(2026, 3, 8, 2, 30)), at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(ny.to_utc(local(2026, 3, 8, 3, 0)), at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(ny.to_utc(local(2026, 3, 8, 3, 1)), at("2026-03-08T07:01:00Z"));
  // The local day is 23 hours long.
  EXPECT_EQ(ny.to_utc(local(2026, 3, 9, 0)) - ny.to_utc(local(2026, 3, 8, 0)), hours{23});
}

TEST(TimeZone, NewYorkFallBackRepeatsAnHour) {
  const auto ny = zone("America/New_York");
  const auto info = ny.resolve(local(2026, 11, 1, 1, 30));
  EXPECT_EQ(info.kind, LocalTimeInfo::Kind::kRepeated);
  EXPECT_EQ(info.first, at("2026-11-01T05:30:00Z"));   // 01:30 EDT
  EXPECT_EQ(info.second, at("2026-11-01T06:30:00Z"));  // 01:30 EST
  EXPECT_EQ(ny.to_utc(local(2026, 11, 1, 1, 30)), at("2026-11-01T05:30:00Z"));
  EXPECT_EQ(ny.to_utc(local(2026, 11, 1, 2, 0)), at("2026-11-01T07:00:00Z"));
  EXPECT_EQ(ny.to_local(at("2026-11-01T06:30:00Z")), local(2026, 11, 1, 1, 30));
  EXPECT_EQ(ny.resolve(local(2026, 11, 1, 2, 0)).kind, LocalTimeInfo::Kind::kUnique);
  EXPECT_EQ(ny.to_utc(local(2026, 11, 2, 0)) - ny.to_utc(local(2026, 11, 1, 0)), hours{25});
}

TEST(TimeZone, BerlinTransitionsAtOneUtc) {
  const auto berlin = zone("Europe/Berlin");
  EXPECT_EQ(berlin.to_utc(local(2026, 3, 29, 1, 59)), at("2026-03-29T00:59:00Z"));
  EXPECT_EQ(berlin.resolve(local(2026, 3, 29, 2, 30)).kind, LocalTimeInfo::Kind::kSkipped);
  EXPECT_EQ(berlin.to_utc(local(2026, 3, 29, 2, 30)), at("2026-03-29T01:00:00Z"));
  EXPECT_EQ(berlin.to_local(at("2026-03-29T01:00:00Z")), local(2026, 3, 29, 3));
  const auto repeated = berlin.resolve(local(2026, 10, 25, 2, 15));
  EXPECT_EQ(repeated.kind, LocalTimeInfo::Kind::kRepeated);
  EXPECT_EQ(repeated.first, at("2026-10-25T00:15:00Z"));
  EXPECT_EQ(repeated.second, at("2026-10-25T01:15:00Z"));
  EXPECT_EQ(berlin.offset_at(at("2026-07-01T12:00:00Z")), hours{2});
}

TEST(TimeZone, FooterRuleCoversYearsPastTheTable) {
  const auto ny = zone("America/New_York");
  // 2100 lies past the materialised table; 2300 far past it: both come from the POSIX footer.
  EXPECT_EQ(ny.to_utc(local(2100, 3, 14, 3)), at("2100-03-14T07:00:00Z"));
  EXPECT_EQ(ny.next_transition(at("2100-03-01T00:00:00Z"))->at,
            std::chrono::floor<std::chrono::seconds>(at("2100-03-14T07:00:00Z")));
  EXPECT_EQ(ny.offset_at(at("2300-03-11T06:59:59Z")), hours{-5});
  EXPECT_EQ(ny.offset_at(at("2300-03-11T07:00:00Z")), hours{-4});
}

TEST(TimeZone, LocalRoundTripAndMonotonicity) {
  // For every instant, to_local then to_utc lands on the earliest instant with that reading:
  // the instant itself unless it is the second showing of a repeated reading.
  std::mt19937_64 rng(20260214);
  for (const char* name : {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Shanghai"}) {
    const auto z = zone(name);
    std::uniform_int_distribution<std::int64_t> ms(to_epoch_ms(at("2020-01-01T00:00:00Z")),
                                                   to_epoch_ms(at("2032-01-01T00:00:00Z")));
    for (int i = 0; i < 2000; ++i) {
      const auto t = from_epoch_ms(ms(rng));
      const auto back = z.to_utc(z.to_local(t));
      const auto info = z.resolve(z.to_local(t));
      EXPECT_EQ(back, info.first) << name << " " << format_rfc3339(t);
      EXPECT_TRUE(t == info.first || t == info.second) << name << " " << format_rfc3339(t);
      const auto l1 = z.to_local(t);
      const auto l2 = l1 + minutes{37};
      EXPECT_LE(z.to_utc(l1), z.to_utc(l2)) << name;
    }
  }
}

TEST(TimeZone, FixedAndPosixZones) {
  const auto plus8 = TimeZone::fixed("UTC+8", hours{8});
  EXPECT_EQ(plus8.to_utc(local(2026, 1, 1, 8)), at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(TimeZone().name(), "UTC");
  EXPECT_EQ(TimeZone::utc().offset_at(at("2026-01-01T00:00:00Z")), hours{0});
  const auto eastern = TimeZone::from_posix("Eastern", "EST5EDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(eastern);
  EXPECT_EQ(eastern->to_utc(local(2026, 3, 8, 2, 30)), at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(eastern->to_utc(local(2026, 11, 1, 1, 30)), at("2026-11-01T05:30:00Z"));
  EXPECT_FALSE(TimeZone::from_posix("bad", "nonsense"));
}

TEST(TimeZone, NamesCannotEscapeTheZoneinfoDirectory) {
  EXPECT_TRUE(TimeZone::is_valid_name("Asia/Shanghai"));
  EXPECT_TRUE(TimeZone::is_valid_name("Etc/GMT+8"));
  EXPECT_TRUE(TimeZone::is_valid_name("America/Port-au-Prince"));
  for (const char* bad : {"", "/etc/passwd", "../../etc/passwd", "Asia/../../etc/passwd", "Asia//Shanghai", "Asia/",
                          "Asia/Shanghai\n", "Asia\\Shanghai", "a.b"}) {
    EXPECT_FALSE(TimeZone::is_valid_name(bad)) << bad;
    const auto loaded = TimeZone::load(bad, TimeZone::default_zoneinfo_dir());
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().reason, "invalid_time_zone");
  }
  const auto missing = TimeZone::load("Mars/Olympus_Mons", TimeZone::default_zoneinfo_dir());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(TimeZone::load("America", TimeZone::default_zoneinfo_dir()).error().code, ErrorCode::kNotFound);
}

TEST(TimeZone, ShippedZonesResolveWithoutTzdata) {
  const auto missing_dir = std::filesystem::path("/nonexistent-zoneinfo");
  EXPECT_FALSE(TimeZone::load("Asia/Shanghai", missing_dir));
  // locate() falls back to built-in rules only when the file is missing.
  EXPECT_TRUE(TimeZone::locate("PRC"));
  EXPECT_TRUE(TimeZone::locate("UTC"));
  EXPECT_FALSE(TimeZone::locate("Mars/Olympus_Mons"));
}

TEST(TimeZone, RejectsCorruptTzifData) {
  std::ifstream file(TimeZone::default_zoneinfo_dir() / "America/New_York", std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  ASSERT_GT(bytes.size(), 100U);
  EXPECT_TRUE(TimeZone::from_tzif("America/New_York", bytes));
  EXPECT_FALSE(TimeZone::from_tzif("x", ""));
  EXPECT_FALSE(TimeZone::from_tzif("x", "TZif2"));
  EXPECT_FALSE(TimeZone::from_tzif("x", "Not a zone file at all, but long enough to hold a header......"));
  // Every truncation fails cleanly (ASan watches the reads).
  for (std::size_t n = 0; n + 1 < bytes.size(); n += 7) {
    EXPECT_FALSE(TimeZone::from_tzif("x", std::string_view(bytes).substr(0, n))) << n;
  }
  std::string bad_footer = bytes;
  bad_footer.replace(bad_footer.rfind("EST5EDT"), 7, "EST5EDX");
  EXPECT_TRUE(TimeZone::from_tzif("x", bad_footer));  // still a valid rule, a different name
  bad_footer.replace(bad_footer.rfind("EST5EDX"), 7, "E5,,,,,");
  const auto rejected = TimeZone::from_tzif("x", bad_footer);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().reason, "invalid_time_zone_data");
}

TEST(TimeZone, VersionOneFilesAreRead) {
  // A hand-made version 1 file: one transition at 1000 s from +1 h to +2 h.
  std::string v1 = "TZif";
  v1 += '\0';
  v1 += std::string(15, '\0');
  auto be32 = [&](std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) v1 += static_cast<char>((v >> shift) & 0xFF);
  };
  for (std::uint32_t count : {0U, 0U, 0U, 1U, 2U, 4U}) be32(count);  // isut, isstd, leap, time, type, char
  be32(1000);
  v1 += '\1';
  be32(3600), v1 += '\0', v1 += '\0';
  be32(7200), v1 += '\1', v1 += '\0';
  v1 += std::string("AB\0\0", 4);
  const auto z = TimeZone::from_tzif("Test/V1", v1);
  ASSERT_TRUE(z) << z.error().message;
  EXPECT_EQ(z->offset_at(from_epoch_ms(999'999)), hours{1});
  EXPECT_EQ(z->offset_at(from_epoch_ms(1'000'000)), hours{2});
}

}  // namespace
}  // namespace gongdan::core
