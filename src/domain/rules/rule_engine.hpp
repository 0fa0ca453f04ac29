#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/macros/placeholders.hpp"
#include "domain/rules/rule.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::domain {

/// Whether `keyword` occurs in `text`. ASCII letters compare case-insensitively. Where the keyword
/// begins or ends with an ASCII letter or digit, the text must not continue with one there, so
/// "crash" does not match "crashpad" but does match "crash!" and "应用crash了"; other characters
/// (Chinese has no spaces between words) match as a plain substring, so 闪退 matches 应用闪退了.
bool keyword_matches(std::string_view text, std::string_view keyword);

/// Whether every non-empty condition list holds for the ticket; keywords look in `text`.
bool conditions_hold(const RuleConditions& conditions, const Ticket& ticket, std::string_view text);

// A rule's reply uses a macro's placeholders (domain/macros/placeholders.hpp): one renderer, one
// list, one refusal of typos.

/// What the rules added to one change, besides the ticket's new state.
struct RuleEffects {
  std::vector<NewEvent> events;
  std::vector<NewMessage> messages;  // internal notes and public replies, in rule order
  bool empty() const { return events.empty() && messages.empty(); }
  /// Whether one of the messages is a public reply (the customer is mailed).
  const NewMessage* reply() const;
};

/// Runs the active rules for `trigger` in order (ascending position, then id) over `ticket`, the
/// state after the triggering change, changing it in place. Each rule runs at most once and sees
/// the changes of the rules before it; what rules change never triggers rules again. A rule that
/// matched and changed something records a `rule_applied` event before its own events. `text` is
/// where keywords look: subject, description and the triggering message.
RuleEffects apply_rules(const std::vector<Rule>& rules, RuleTrigger trigger, Ticket& ticket, std::string_view text);

/// The subject, description and the triggering message's body, as keywords see them.
std::string rule_text(const Ticket& ticket, std::string_view message_body = {});

/// A loop among the rules: names of rules that would keep re-enabling each other, or nothing.
/// Among active rules that run on updates, rule X leads to rule Y when X sets a priority that Y's
/// priority condition accepts; a cycle (a rule leading to itself included) is a loop: on every
/// update those rules would fire again and undo or repeat each other (docs/workspace.md).
std::optional<std::vector<std::string>> find_rule_loop(const std::vector<Rule>& rules);

}  // namespace gongdan::domain
