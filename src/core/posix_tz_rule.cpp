#include "core/posix_tz_rule.hpp"

#include <algorithm>
#include <vector>

namespace gongdan::core {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

/// Reads the rule's grammar left to right; a friend so it can fill the private date rules.
class PosixTzParser {
 public:
  explicit PosixTzParser(std::string_view text) : text_(text) {}

  std::optional<PosixTzRule> parse() {
    PosixTzRule rule;
    rule.text_ = std::string(text_);
    if (!name()) return std::nullopt;
    const auto std_west = offset(24);
    if (!std_west) return std::nullopt;
    rule.std_offset_ = -*std_west;  // POSIX counts west of Greenwich as positive
    if (done()) return rule;
    if (!name()) return std::nullopt;
    rule.has_dst_ = true;
    rule.dst_offset_ = rule.std_offset_ + seconds{3600};
    if (!done() && peek() != ',') {
      const auto dst_west = offset(24);
      if (!dst_west) return std::nullopt;
      rule.dst_offset_ = -*dst_west;
    }
    if (done()) {
      // No dates: the POSIX default is implementation-defined; glibc and tzcode use the US rule.
      rule.start_ = {PosixTzRule::DateRule::Form::kMonthWeekDay, 0, 3, 2, 0, seconds{7200}};
      rule.end_ = {PosixTzRule::DateRule::Form::kMonthWeekDay, 0, 11, 1, 0, seconds{7200}};
      return rule;
    }
    if (!take(',')) return std::nullopt;
    const auto start = date_rule();
    if (!start || !take(',')) return std::nullopt;
    const auto end = date_rule();
    if (!end || !done()) return std::nullopt;
    rule.start_ = *start;
    rule.end_ = *end;
    return rule;
  }

 private:
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  /// `EST` (three or more letters) or the quoted form `<+0330>` that numeric names need.
  bool name() {
    const std::size_t begin = pos_;
    if (take('<')) {
      while (!done() && (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-')) ++pos_;
      if (pos_ - begin < 4 || !take('>')) return false;
      return true;
    }
    while (!done() && is_alpha(peek())) ++pos_;
    return pos_ - begin >= 3;
  }

  std::optional<int> number(int max) {
    if (!is_digit(peek())) return std::nullopt;
    int value = 0;
    int digits = 0;
    while (is_digit(peek())) {
      value = value * 10 + (peek() - '0');
      ++pos_;
      // Three digits hold every legal value; more means a malformed (or hostile) string.
      if (++digits > 3 || value > max) return std::nullopt;
    }
    return value;
  }

  /// `[+-]hh[:mm[:ss]]`, as seconds; hours up to `max_hours`.
  std::optional<seconds> offset(int max_hours) {
    int sign = 1;
    if (take('-')) {
      sign = -1;
    } else {
      take('+');
    }
    const auto h = number(max_hours);
    if (!h) return std::nullopt;
    int total = *h * 3600;
    if (take(':')) {
      const auto m = number(59);
      if (!m) return std::nullopt;
      total += *m * 60;
      if (take(':')) {
        const auto s = number(59);
        if (!s) return std::nullopt;
        total += *s;
      }
    }
    return seconds{sign * total};
  }

  std::optional<PosixTzRule::DateRule> date_rule() {
    PosixTzRule::DateRule rule;
    if (take('J')) {
      const auto n = number(365);
      if (!n || *n < 1) return std::nullopt;
      rule.form = PosixTzRule::DateRule::Form::kJulianNoLeap;
      rule.number = *n;
    } else if (take('M')) {
      const auto m = number(12);
      if (!m || *m < 1 || !take('.')) return std::nullopt;
      const auto w = number(5);
      if (!w || *w < 1 || !take('.')) return std::nullopt;
      const auto d = number(6);
      if (!d) return std::nullopt;
      rule.form = PosixTzRule::DateRule::Form::kMonthWeekDay;
      rule.month = static_cast<unsigned>(*m);
      rule.week = static_cast<unsigned>(*w);
      rule.weekday = static_cast<unsigned>(*d);
    } else {
      const auto n = number(365);
      if (!n) return std::nullopt;
      rule.form = PosixTzRule::DateRule::Form::kZeroBased;
      rule.number = *n;
    }
    if (take('/')) {
      const auto time = offset(167);  // RFC 8536 §3.3.1 extends POSIX's 0..24 to -167..167
      if (!time) return std::nullopt;
      rule.time = *time;
    }
    return rule;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view text) { return PosixTzParser(text).parse(); }

sys_seconds PosixTzRule::DateRule::local_moment(int year) const {
  using namespace std::chrono;
  const std::chrono::year y{year};
  sys_days day;
  switch (form) {
    case Form::kJulianNoLeap: {
      // Jn never counts February 29: day 60 is March 1 in every year.
      day = sys_days{y / January / 1} + days{number - 1};
      if (y.is_leap() && number >= 60) day += days{1};
      break;
    }
    case Form::kZeroBased: day = sys_days{y / January / 1} + days{number}; break;
    case Form::kMonthWeekDay: {
      const auto m = std::chrono::month{month};
      const auto wd = std::chrono::weekday{weekday};
      day = week == 5 ? sys_days{year_month_weekday_last{y, m, weekday_last{wd}}}
                      : sys_days{year_month_weekday{y, m, weekday_indexed{wd, week}}};
      break;
    }
  }
  return day + time;
}

std::array<PosixTzRule::Event, 2> PosixTzRule::events_in(int year) const {
  // Daylight time starts at a wall-clock moment read in standard time, and ends at one read in
  // daylight time.
  return {Event{start_.local_moment(year) - std_offset_, true}, Event{end_.local_moment(year) - dst_offset_, false}};
}

namespace {

/// Sorted events of several years; at a tie the end comes first, so a rule that ends and starts
/// daylight time at the same instant (all-year daylight time, RFC 8536 §3.3.1) stays in it.
template <typename Event, typename EventsIn>
std::vector<Event> events_between(int first_year, int last_year, EventsIn events_in) {
  std::vector<Event> events;
  for (int y = first_year; y <= last_year; ++y) {
    for (const auto& e : events_in(y)) events.push_back(e);
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.at != b.at ? a.at < b.at : (!a.dst_starts && b.dst_starts);
  });
  return events;
}

int utc_year_of(sys_seconds t) {
  return static_cast<int>(std::chrono::year_month_day{std::chrono::floor<days>(t)}.year());
}

}  // namespace

seconds PosixTzRule::offset_at(sys_seconds t) const {
  if (!has_dst_) return std_offset_;
  const int year = utc_year_of(t);
  const auto events = events_between<Event>(year - 1, year + 1, [this](int y) { return events_in(y); });
  bool dst = false;
  for (const auto& e : events) {
    if (e.at > t) break;
    dst = e.dst_starts;
  }
  return dst ? dst_offset_ : std_offset_;
}

std::optional<ZoneTransition> PosixTzRule::next_transition_after(sys_seconds t) const {
  if (!has_dst_ || std_offset_ == dst_offset_) return std::nullopt;
  const int year = utc_year_of(t);
  // The last year only settles ties with the year before it (all-year daylight time ends and
  // restarts at one instant); changes are reported up to its first event.
  const auto horizon = std::min(events_in(year + 3)[0].at, events_in(year + 3)[1].at);
  const auto events = events_between<Event>(year - 1, year + 3, [this](int y) { return events_in(y); });
  bool dst = offset_at(t) == dst_offset_;
  for (std::size_t i = 0; i < events.size() && events[i].at < horizon; ++i) {
    // Several events at one instant count as one change: the state after the last of them.
    if (i + 1 < events.size() && events[i + 1].at == events[i].at) continue;
    if (events[i].at <= t) continue;
    if (events[i].dst_starts != dst) {
      return ZoneTransition{events[i].at, events[i].dst_starts ? dst_offset_ : std_offset_};
    }
  }
  return std::nullopt;
}

}  // namespace gongdan::core
