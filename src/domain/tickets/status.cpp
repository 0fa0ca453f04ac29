#include "domain/tickets/status.hpp"

#include <array>
#include <utility>

namespace gongdan::domain {
namespace {

template <typename E, std::size_t N>
std::optional<E> find(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return table.front().second;
}

constexpr std::array<std::pair<Status, std::string_view>, 5> kStatuses{{{Status::kNew, "new"},
                                                                           {Status::kOpen, "open"},
                                                                           {Status::kPending, "pending"},
                                                                           {Status::kResolved, "resolved"},
                                                                           {Status::kClosed, "closed"}}};
constexpr std::array<std::pair<Priority, std::string_view>, 4> kPriorities{
    {{Priority::kLow, "low"}, {Priority::kNormal, "normal"}, {Priority::kHigh, "high"}, {Priority::kUrgent, "urgent"}}};
constexpr std::array<std::pair<Urgency, std::string_view>, 2> kUrgencies{
    {{Urgency::kNormal, "normal"}, {Urgency::kUrgent, "urgent"}}};

}  // namespace

std::string_view to_string(Status status) { return name_of(kStatuses, status); }
std::optional<Status> parse_status(std::string_view text) { return find(kStatuses, text); }
std::string_view to_string(Priority priority) { return name_of(kPriorities, priority); }
std::optional<Priority> parse_priority(std::string_view text) { return find(kPriorities, text); }
std::string_view to_string(Urgency urgency) { return name_of(kUrgencies, urgency); }
std::optional<Urgency> parse_urgency(std::string_view text) { return find(kUrgencies, text); }

bool agent_may_change(Status from, Status to) {
  if (from == Status::kClosed) return false;  // closed is final; a follow-up is a new ticket
  return to != Status::kNew || from == Status::kNew;
}

}  // namespace gongdan::domain
