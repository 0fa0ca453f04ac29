#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/rules/rule.hpp"

namespace gongdan::http {

// Wire names of automation rules (docs/api.md "Automation rules").

/// {id, name, active, position, event, conditions: {...}, actions: {...}}.
nlohmann::json rule_json(const domain::Rule& rule);
nlohmann::json rules_json(const std::vector<domain::Rule>& rules);
/// A rule as POST and PUT send it.
core::Result<domain::RuleRequest> decode_rule(const nlohmann::json& body);
/// {ids: [...]}: the new order.
core::Result<std::vector<std::int64_t>> decode_rule_order(const nlohmann::json& body);

}  // namespace gongdan::http
