#include "domain/rules/rule.hpp"

namespace gongdan::domain {

std::string_view to_string(RuleTrigger trigger) {
  switch (trigger) {
    case RuleTrigger::kCreated: return "created";
    case RuleTrigger::kUpdated: return "updated";
    case RuleTrigger::kBoth: return "both";
  }
  return "created";
}

std::optional<RuleTrigger> parse_rule_trigger(std::string_view text) {
  if (text == "created") return RuleTrigger::kCreated;
  if (text == "updated") return RuleTrigger::kUpdated;
  if (text == "both") return RuleTrigger::kBoth;
  return std::nullopt;
}

}  // namespace gongdan::domain
