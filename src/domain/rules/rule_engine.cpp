#include "domain/rules/rule_engine.hpp"

#include "domain/macros/placeholders.hpp"

#include <algorithm>
#include <functional>

#include "core/utf8.hpp"
#include "domain/agents/ticket_tags.hpp"

namespace gongdan::domain {
namespace {

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

template <typename T>
bool any_of_or_empty(const std::vector<T>& list, const T& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

bool customer_matches(const std::vector<std::string>& customers, const std::string& email) {
  if (customers.empty()) return true;
  const std::string lower = core::ascii_lower(email);
  return std::any_of(customers.begin(), customers.end(), [&lower](const std::string& entry) {
    if (entry.starts_with('@')) return lower.size() > entry.size() && lower.ends_with(entry);
    return lower == entry;
  });
}

bool runs_on(const Rule& rule, RuleTrigger trigger) {
  return rule.trigger == RuleTrigger::kBoth || rule.trigger == trigger;
}

// The values a rule's reply may name: the same placeholders as a macro's, the rules' author
// standing in for the agent.
PlaceholderValues placeholder_values(const Ticket& ticket) {
  return {ticket.customer.name, ticket.customer.email, ticket.number.str(), ticket.subject, automation_author().name};
}

// Applies one matched rule's actions; returns whether anything changed or was written.
bool apply_actions(const Rule& rule, Ticket& ticket, RuleEffects& effects) {
  const AuthorRef author = automation_author();
  const RuleActions& a = rule.actions;
  std::vector<NewEvent> events;
  if (a.priority && *a.priority != ticket.priority) {
    events.push_back({EventType::kPriorityChanged, std::string(to_string(ticket.priority)),
                      std::string(to_string(*a.priority)), author});
    ticket.priority = *a.priority;
  }
  if (a.group_id && a.group_id != ticket.group_id) {
    events.push_back({EventType::kGroupChanged, ticket.group_name, a.group_name, author});
    ticket.group_id = a.group_id;
    ticket.group_name = a.group_name;
  }
  if (a.assignee_id && a.assignee_id != ticket.assignee_id) {
    events.push_back({EventType::kAssigneeChanged, ticket.assignee_name, a.assignee_name, author});
    ticket.assignee_id = a.assignee_id;
    ticket.assignee_name = a.assignee_name;
  }
  for (const auto& tag : a.add_tags) {
    // A full tag list is not worth failing the customer's change for: the tag is skipped.
    if (ticket.tags.size() >= kMaxTagsPerTicket) break;
    if (add_tag(ticket.tags, tag)) events.push_back({EventType::kTagAdded, "", tag, author});
  }
  const std::size_t messages_before = effects.messages.size();
  if (!a.internal_note.empty()) effects.messages.push_back({author, a.internal_note, true, {}});
  if (!a.reply.empty())
    effects.messages.push_back({author, render_placeholders(a.reply, placeholder_values(ticket)), false, {}});
  if (events.empty() && effects.messages.size() == messages_before) return false;
  effects.events.push_back({EventType::kRuleApplied, "", rule.name, author});
  effects.events.insert(effects.events.end(), events.begin(), events.end());
  return true;
}

}  // namespace

AuthorRef automation_author() { return {std::nullopt, "自动规则 Automation", Role::kAgent}; }

namespace {

// keyword_matches over text already ASCII-lowercased: apply_rules lowers a ticket's text once,
// not once for every keyword of every rule (a copy of the whole text each time).
bool keyword_in_lowered(std::string_view haystack, std::string_view keyword) {
  keyword = core::trim(keyword);
  if (keyword.empty() || keyword.size() > haystack.size()) return false;
  const std::string needle = core::ascii_lower(keyword);
  const bool word_start = is_word_char(needle.front());
  const bool word_end = is_word_char(needle.back());
  for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) {
    const auto end = at + needle.size();
    if (word_start && at > 0 && is_word_char(haystack[at - 1])) continue;
    if (word_end && end < haystack.size() && is_word_char(haystack[end])) continue;
    return true;
  }
  return false;
}

bool conditions_hold_lowered(const RuleConditions& c, const Ticket& ticket, std::string_view lowered_text) {
  if (!any_of_or_empty(c.categories, ticket.category_id)) return false;
  if (!any_of_or_empty(c.channels, ticket.channel)) return false;
  if (!any_of_or_empty(c.priorities, ticket.priority)) return false;
  if (!any_of_or_empty(c.statuses, ticket.status)) return false;
  if (!customer_matches(c.customers, ticket.customer.email)) return false;
  if (!c.keywords.empty() && std::none_of(c.keywords.begin(), c.keywords.end(), [lowered_text](const std::string& k) {
        return keyword_in_lowered(lowered_text, k);
      }))
    return false;
  return true;
}

}  // namespace

bool keyword_matches(std::string_view text, std::string_view keyword) {
  return keyword_in_lowered(core::ascii_lower(text), keyword);
}

bool conditions_hold(const RuleConditions& c, const Ticket& ticket, std::string_view text) {
  return conditions_hold_lowered(c, ticket, core::ascii_lower(text));
}

const NewMessage* RuleEffects::reply() const {
  for (const auto& m : messages) {
    if (!m.internal) return &m;
  }
  return nullptr;
}

std::string rule_text(const Ticket& ticket, std::string_view message_body) {
  std::string text = ticket.subject;
  text += '\n';
  text += ticket.description;
  if (!message_body.empty()) {
    text += '\n';
    text += message_body;
  }
  return text;
}

RuleEffects apply_rules(const std::vector<Rule>& rules, RuleTrigger trigger, Ticket& ticket, std::string_view text) {
  std::vector<const Rule*> order;
  for (const auto& rule : rules) {
    if (rule.active && runs_on(rule, trigger)) order.push_back(&rule);
  }
  std::stable_sort(order.begin(), order.end(), [](const Rule* a, const Rule* b) {
    return a->position != b->position ? a->position < b->position : a->id < b->id;
  });
  RuleEffects effects;
  const std::string lowered_text = core::ascii_lower(text);
  for (const Rule* rule : order) {
    if (conditions_hold_lowered(rule->conditions, ticket, lowered_text)) apply_actions(*rule, ticket, effects);
  }
  return effects;
}

std::optional<std::vector<std::string>> find_rule_loop(const std::vector<Rule>& rules) {
  std::vector<const Rule*> candidates;
  for (const auto& rule : rules) {
    if (rule.active && runs_on(rule, RuleTrigger::kUpdated)) candidates.push_back(&rule);
  }
  const auto leads_to = [](const Rule& x, const Rule& y) {
    return x.actions.priority && std::find(y.conditions.priorities.begin(), y.conditions.priorities.end(),
                                           *x.actions.priority) != y.conditions.priorities.end();
  };
  // Depth-first search with colours; the path on the stack names the cycle.
  enum class Colour { kWhite, kGrey, kBlack };
  std::vector<Colour> colour(candidates.size(), Colour::kWhite);
  std::vector<std::size_t> path;
  std::optional<std::vector<std::string>> loop;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    colour[i] = Colour::kGrey;
    path.push_back(i);
    for (std::size_t j = 0; j < candidates.size() && !loop; ++j) {
      if (!leads_to(*candidates[i], *candidates[j])) continue;
      if (colour[j] == Colour::kGrey) {
        std::vector<std::string> names;
        const auto from = std::find(path.begin(), path.end(), j);
        for (auto it = from; it != path.end(); ++it) names.push_back(candidates[*it]->name);
        loop = std::move(names);
      } else if (colour[j] == Colour::kWhite) {
        visit(j);
      }
    }
    path.pop_back();
    colour[i] = Colour::kBlack;
  };
  for (std::size_t i = 0; i < candidates.size() && !loop; ++i) {
    if (colour[i] == Colour::kWhite) visit(i);
  }
  return loop;
}

}  // namespace gongdan::domain
