#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "domain/tickets/status.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::domain {

/// Which ticket changes a rule looks at (docs/workspace.md "Automation rules").
enum class RuleTrigger { kCreated, kUpdated, kBoth };

std::string_view to_string(RuleTrigger trigger);
std::optional<RuleTrigger> parse_rule_trigger(std::string_view text);

/// What must hold for a rule to act; every non-empty list must match (each list: any of).
struct RuleConditions {
  std::vector<core::CategoryId> categories{};
  /// Matched case-insensitively in the subject, description and the triggering message
  /// (keyword_matches in rule_engine.hpp).
  std::vector<std::string> keywords{};
  std::vector<Channel> channels{};
  /// Lower-case addresses (`li@example.com`) or domains with their `@` (`@example.com`).
  std::vector<std::string> customers{};
  std::vector<Priority> priorities{};
  std::vector<Status> statuses{};
};

/// What a rule does when it matches; absent or empty members do nothing.
struct RuleActions {
  std::optional<Priority> priority;
  std::optional<core::GroupId> group_id;
  std::optional<core::UserId> assignee_id;
  std::vector<std::string> add_tags;  // normalized (ticket_tags.hpp)
  std::string internal_note;          // staff-only note written by the automation author
  std::string reply;                  // a public reply mailed to the customer; placeholders allowed
  // Read with the rule for events and the ticket's names; not stored.
  std::string group_name{};
  std::string assignee_name{};
};

/// An automation rule: conditions on a new or changed ticket, actions applied in the same change.
struct Rule {
  core::RuleId id;
  std::string name;
  bool active = true;
  int position = 0;  // rules run in ascending position, then id
  RuleTrigger trigger = RuleTrigger::kCreated;
  RuleConditions conditions;
  RuleActions actions;
};

/// A rule as an admin sends it, types already checked by the protocol layer.
struct RuleRequest {
  std::string name;
  bool active = true;
  std::string event;  // created | updated | both
  std::vector<std::int64_t> categories;
  std::vector<std::string> keywords;
  std::vector<std::string> channels;
  std::vector<std::string> customers;
  std::vector<std::string> priorities;
  std::vector<std::string> statuses;
  std::optional<std::string> set_priority;
  std::optional<std::int64_t> set_group_id;
  std::optional<std::int64_t> set_assignee_id;
  std::vector<std::string> add_tags;
  std::string internal_note;
  std::string reply;
};

/// The author of what rules write: no account, shown as the automation.
AuthorRef automation_author();

constexpr std::size_t kMaxRules = 200;
constexpr std::size_t kMaxRuleNameChars = 100;
constexpr std::size_t kMaxRuleListItems = 50;  // per condition list: a rule is not a search index
constexpr std::size_t kMaxKeywordChars = 50;
constexpr std::size_t kMaxRuleTextChars = 5000;  // note and reply

}  // namespace gongdan::domain
