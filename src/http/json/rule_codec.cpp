#include "http/json/rule_codec.hpp"

#include <algorithm>

#include "http/json/field_reader.hpp"

namespace gongdan::http {
namespace {

template <typename E>
nlohmann::json names(const std::vector<E>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto value : values) out.push_back(domain::to_string(value));
  return out;
}

// A list longer than this is refused by the decoder already (the domain's limit plus one, so
// that the domain names the limit).
constexpr std::size_t kMaxItems = domain::kMaxRuleListItems + 1;

core::Result<domain::RuleRequest> read_rule(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  FieldReader r(body, "", errors);
  domain::RuleRequest rule;
  rule.name = r.required_string("name");
  rule.active = r.boolean("active").value_or(true);
  rule.event = r.string("event").value_or("created");
  if (auto conditions = r.object("conditions")) {
    rule.categories = conditions->integers("categories", kMaxItems);
    rule.keywords = conditions->strings("keywords", kMaxItems);
    rule.channels = conditions->strings("channels", kMaxItems);
    rule.customers = conditions->strings("customers", kMaxItems);
    rule.priorities = conditions->strings("priorities", kMaxItems);
    rule.statuses = conditions->strings("statuses", kMaxItems);
  }
  if (auto actions = r.object("actions")) {
    rule.set_priority = actions->string("priority");
    rule.set_group_id = actions->integer("group_id");
    rule.set_assignee_id = actions->integer("assignee_id");
    rule.add_tags = actions->strings("add_tags", kMaxItems);
    rule.internal_note = actions->string("internal_note").value_or("");
    rule.reply = actions->string("reply").value_or("");
  }
  // Type errors are answered here; presence and values are the domain's to check.
  const bool type_errors =
      std::any_of(errors.begin(), errors.end(), [](const core::FieldError& e) { return e.code == "invalid_type"; });
  if (type_errors) return core::Error::validation(std::move(errors));
  return rule;
}

}  // namespace

nlohmann::json rule_json(const domain::Rule& rule) {
  const auto& c = rule.conditions;
  const auto& a = rule.actions;
  nlohmann::json categories = nlohmann::json::array();
  for (const auto id : c.categories) categories.push_back(id.value);
  return {{"id", rule.id.value},
          {"name", rule.name},
          {"active", rule.active},
          {"position", rule.position},
          {"event", domain::to_string(rule.trigger)},
          {"conditions",
           {{"categories", std::move(categories)},
            {"keywords", c.keywords},
            {"channels", names(c.channels)},
            {"customers", c.customers},
            {"priorities", names(c.priorities)},
            {"statuses", names(c.statuses)}}},
          {"actions",
           {{"priority", a.priority ? nlohmann::json(domain::to_string(*a.priority)) : nlohmann::json(nullptr)},
            {"group",
             a.group_id ? nlohmann::json{{"id", a.group_id->value}, {"name", a.group_name}} : nlohmann::json(nullptr)},
            {"assignee", a.assignee_id ? nlohmann::json{{"id", a.assignee_id->value}, {"name", a.assignee_name}}
                                       : nlohmann::json(nullptr)},
            {"add_tags", a.add_tags},
            {"internal_note", a.internal_note},
            {"reply", a.reply}}}};
}

nlohmann::json rules_json(const std::vector<domain::Rule>& rules) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& rule : rules) items.push_back(rule_json(rule));
  return {{"items", std::move(items)}};
}

core::Result<domain::RuleRequest> decode_rule(const nlohmann::json& body) { return read_rule(body); }

core::Result<std::vector<std::int64_t>> decode_rule_order(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  FieldReader r(body, "", errors);
  auto ids = r.integers("ids", domain::kMaxRules + 1);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return ids;
}

}  // namespace gongdan::http
