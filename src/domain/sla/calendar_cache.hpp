#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"
#include "domain/sla/business_calendar.hpp"

namespace gongdan::domain::sla {

/// Built calendars by name and revision: building one costs about 0.5 ms, looking one up a map
/// find. Thread-safe; an entry of an older revision is replaced, so the cache holds one calendar
/// per name.
class CalendarCache {
 public:
  /// The calendar of `definition` (stored at `revision`); `24x7` is the built-in one.
  core::Result<BusinessCalendar> get(const CalendarDefinition& definition, std::int64_t revision);
  /// The calendar named `name` if it is cached at `revision`: lets a reader that knows the stored
  /// revision skip reading and parsing the definition (revisions never repeat for a name).
  std::optional<BusinessCalendar> find(std::string_view name, std::int64_t revision);

 private:
  std::mutex mutex_;
  std::map<std::string, std::pair<std::int64_t, BusinessCalendar>, std::less<>> entries_;
};

}  // namespace gongdan::domain::sla
