#include "domain/sla/calendar_cache.hpp"

namespace gongdan::domain::sla {

std::optional<BusinessCalendar> CalendarCache::find(std::string_view name, std::int64_t revision) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(name);
  if (it != entries_.end() && it->second.first == revision) return it->second.second;
  return std::nullopt;
}

core::Result<BusinessCalendar> CalendarCache::get(const CalendarDefinition& definition, std::int64_t revision) {
  if (auto cached = find(definition.name, revision)) return std::move(*cached);
  // Built outside the lock: two threads may build the same calendar once each, never block on it.
  auto built = BusinessCalendar::create(definition);
  if (!built) return built.take_error();
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(definition.name);
  if (it == entries_.end()) {
    entries_.emplace(definition.name, std::pair{revision, *built});
  } else if (it->second.first <= revision) {
    it->second = {revision, *built};
  }
  return *built;
}

}  // namespace gongdan::domain::sla
