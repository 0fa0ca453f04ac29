#include "domain/rules/rule_service.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "domain/agents/ticket_tags.hpp"
#include "domain/rules/rule_engine.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

core::Status require_admin(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (actor.user->role != Role::kAdmin) return core::Error::forbidden("Only administrators may change rules.");
  return core::ok_status();
}

// Reads a list of enum names with `parse`, each once, or adds a field error.
template <typename E, typename Parse>
std::vector<E> parse_names(const std::string& field, const std::vector<std::string>& names, Parse parse,
                           const char* allowed, std::vector<core::FieldError>& errors) {
  std::vector<E> out;
  for (const auto& name : names) {
    const auto value = parse(name);
    if (!value) {
      errors.push_back({field, "invalid", std::string("One of ") + allowed + "."});
      return {};
    }
    if (std::find(out.begin(), out.end(), *value) == out.end()) out.push_back(*value);
  }
  return out;
}

bool too_long(const std::string& field, std::size_t size, std::vector<core::FieldError>& errors) {
  if (size <= kMaxRuleListItems) return false;
  errors.push_back({field, "too_many", "At most " + std::to_string(kMaxRuleListItems) + " items."});
  return true;
}

// A customer condition: a whole address, or a domain written with its @.
std::optional<std::string> normalize_customer(std::string_view text) {
  const std::string lower = core::ascii_lower(core::trim(text));
  if (lower.size() < 2 || lower.size() > 254 || core::has_control_characters(lower)) return std::nullopt;
  if (lower.find_first_of(" ,") != std::string::npos) return std::nullopt;
  const auto at = lower.find('@');
  if (at == std::string::npos || lower.find('@', at + 1) != std::string::npos) return std::nullopt;
  if (at == lower.size() - 1) return std::nullopt;
  return lower;
}

}  // namespace

core::Error rule_loop_error(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : " → ") + name;
  std::string message = "These rules would keep re-enabling each other on every update: " + list + " → " +
                        names.front() +
                        ". Let a rule set a priority its own (or an earlier rule's) condition does "
                        "not accept, or make it run only on new tickets.";
  return {core::ErrorCode::kInvalid, "rule_loop", message, {core::FieldError{"actions", "rule_loop", message}}};
}

core::Result<std::vector<Rule>> RuleService::list(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (!actor.user->sees_all_groups()) return core::Error::forbidden("Only supervisors and administrators see rules.");
  return rules_.list();
}

core::Result<Rule> RuleService::check(const RuleRequest& r) {
  std::vector<core::FieldError> errors;
  Rule rule;
  if (auto e = check_text("name", r.name, kMaxRuleNameChars)) errors.push_back(*e);
  rule.name = std::string(core::trim(r.name));
  rule.active = r.active;
  if (const auto trigger = parse_rule_trigger(r.event)) {
    rule.trigger = *trigger;
  } else {
    errors.push_back({"event", "invalid", "One of created, updated, both."});
  }

  auto& c = rule.conditions;
  if (!too_long("conditions.categories", r.categories.size(), errors)) {
    for (const auto id : r.categories) {
      if (!catalog_.find_category(core::CategoryId{id})) {
        errors.push_back({"conditions.categories", "unknown_category", "No category " + std::to_string(id) + "."});
        break;
      }
      if (std::find(c.categories.begin(), c.categories.end(), core::CategoryId{id}) == c.categories.end())
        c.categories.push_back(core::CategoryId{id});
    }
  }
  if (!too_long("conditions.keywords", r.keywords.size(), errors)) {
    for (const auto& keyword : r.keywords) {
      if (auto e = check_text("conditions.keywords", keyword, kMaxKeywordChars)) {
        errors.push_back(*e);
        break;
      }
      c.keywords.emplace_back(core::trim(keyword));
    }
  }
  if (!too_long("conditions.channels", r.channels.size(), errors))
    c.channels = parse_names<Channel>("conditions.channels", r.channels, parse_channel, "web, mail", errors);
  if (!too_long("conditions.customers", r.customers.size(), errors)) {
    for (const auto& customer : r.customers) {
      const auto normalized = normalize_customer(customer);
      if (!normalized) {
        errors.push_back(
            {"conditions.customers", "invalid", "An address (li@example.com) or a domain (@example.com)."});
        break;
      }
      c.customers.push_back(*normalized);
    }
  }
  if (!too_long("conditions.priorities", r.priorities.size(), errors))
    c.priorities = parse_names<Priority>("conditions.priorities", r.priorities, parse_priority,
                                         "low, normal, high, urgent", errors);
  if (!too_long("conditions.statuses", r.statuses.size(), errors))
    c.statuses = parse_names<Status>("conditions.statuses", r.statuses, parse_status,
                                     "new, open, pending, resolved, closed", errors);

  auto& a = rule.actions;
  if (r.set_priority) {
    a.priority = parse_priority(*r.set_priority);
    if (!a.priority) errors.push_back({"actions.priority", "invalid", "One of low, normal, high, urgent."});
  }
  if (r.set_group_id) {
    if (const auto group = groups_.find(core::GroupId{*r.set_group_id})) {
      a.group_id = group->id;
      a.group_name = group->name;
    } else {
      errors.push_back({"actions.group_id", "unknown_group", "No such group."});
    }
  }
  if (r.set_assignee_id) {
    if (const auto user = users_.find_by_id(core::UserId{*r.set_assignee_id}); user && user->is_staff()) {
      a.assignee_id = user->id;
      a.assignee_name = user->name;
    } else {
      errors.push_back({"actions.assignee_id", "unknown_user", "No such agent."});
    }
  }
  if (r.add_tags.size() > kMaxTagsPerTicket) {
    errors.push_back({"actions.add_tags", "too_many", "At most " + std::to_string(kMaxTagsPerTicket) + " tags."});
  } else {
    for (const auto& tag : r.add_tags) {
      const auto normalized = normalize_tag(tag);
      if (!normalized) {
        errors.push_back({"actions.add_tags", "invalid", "Tags are 1 to 40 characters without spaces or commas."});
        break;
      }
      add_tag(a.add_tags, *normalized);
    }
  }
  if (auto e = check_text("actions.internal_note", r.internal_note, kMaxRuleTextChars, Presence::kOptional, true))
    errors.push_back(*e);
  a.internal_note = r.internal_note;
  if (auto e = check_text("actions.reply", r.reply, kMaxRuleTextChars, Presence::kOptional, true)) {
    errors.push_back(*e);
  } else if (const auto unknown = unknown_placeholders(r.reply); !unknown.empty()) {
    errors.push_back({"actions.reply", "unknown_placeholder", "Unknown placeholder " + unknown.front() + "."});
  }
  a.reply = r.reply;
  if (core::trim(a.internal_note).empty()) a.internal_note.clear();
  if (core::trim(a.reply).empty()) a.reply.clear();
  if (!a.priority && !a.group_id && !a.assignee_id && a.add_tags.empty() && a.internal_note.empty() &&
      a.reply.empty() && errors.empty()) {
    errors.push_back({"actions", "required", "Give the rule at least one action."});
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return rule;
}

namespace {

// Refuses a rule set with a loop; every save checks the set as it would be.
core::Status no_loop(const std::vector<Rule>& after) {
  if (const auto loop = find_rule_loop(after)) return rule_loop_error(*loop);
  return core::ok_status();
}

}  // namespace

core::Result<Rule> RuleService::create(const Actor& actor, const RuleRequest& request) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto rule = check(request);
  if (!rule) return rule.take_error();
  return rules_.create(*rule, [](const std::vector<Rule>& after) -> core::Status {
    if (after.size() > kMaxRules)
      return core::Error::conflict("too_many_rules", "At most " + std::to_string(kMaxRules) + " rules.");
    return no_loop(after);
  });
}

core::Result<Rule> RuleService::update(const Actor& actor, std::int64_t id, const RuleRequest& request) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto rule = check(request);
  if (!rule) return rule.take_error();
  rule->id = core::RuleId{id};
  return rules_.update(*rule, no_loop);
}

core::Status RuleService::remove(const Actor& actor, std::int64_t id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  return rules_.remove(core::RuleId{id});
}

core::Result<std::vector<Rule>> RuleService::reorder(const Actor& actor, const std::vector<std::int64_t>& ids) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  std::vector<core::RuleId> order;
  for (const auto id : ids) order.push_back(core::RuleId{id});
  if (auto done = rules_.reorder(order); !done) return done.take_error();
  return rules_.list();
}

}  // namespace gongdan::domain
