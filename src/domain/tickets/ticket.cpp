#include "domain/tickets/ticket.hpp"

#include <array>
#include <utility>

namespace gongdan::domain {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 13> kEventNames{{
    {EventType::kStatusChanged, "status_changed"},
    {EventType::kPriorityChanged, "priority_changed"},
    {EventType::kAssigneeChanged, "assignee_changed"},
    {EventType::kGroupChanged, "group_changed"},
    {EventType::kTagAdded, "tag_added"},
    {EventType::kTagRemoved, "tag_removed"},
    {EventType::kMergedInto, "merged_into"},
    {EventType::kMergedFrom, "merged_from"},
    {EventType::kMacroApplied, "macro_applied"},
    {EventType::kRuleApplied, "rule_applied"},
    {EventType::kFieldChanged, "field_changed"},
    {EventType::kSlaWarning, "sla_warning"},
    {EventType::kSlaBreached, "sla_breached"},
}};

}  // namespace

std::string_view to_string(EventType type) {
  for (const auto& [value, name] : kEventNames) {
    if (value == type) return name;
  }
  return "status_changed";
}

std::optional<EventType> parse_event_type(std::string_view text) {
  for (const auto& [value, name] : kEventNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(Channel channel) { return channel == Channel::kMail ? "mail" : "web"; }

std::optional<Channel> parse_channel(std::string_view text) {
  if (text == "web") return Channel::kWeb;
  if (text == "mail") return Channel::kMail;
  return std::nullopt;
}

}  // namespace gongdan::domain
