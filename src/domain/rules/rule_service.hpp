#pragma once

#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "domain/agents/group_repository.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/rules/rule.hpp"
#include "domain/rules/rule_repository.hpp"
#include "domain/users/actor.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain {

/// Admins manage automation rules; supervisors may read them (docs/workspace.md).
class RuleService {
 public:
  RuleService(RuleRepository& rules, CatalogRepository& catalog, UserRepository& users, GroupRepository& groups)
      : rules_(rules), catalog_(catalog), users_(users), groups_(groups) {}

  core::Result<std::vector<Rule>> list(const Actor& actor);
  core::Result<Rule> create(const Actor& actor, const RuleRequest& request);
  core::Result<Rule> update(const Actor& actor, std::int64_t id, const RuleRequest& request);
  core::Status remove(const Actor& actor, std::int64_t id);
  /// Puts the rules in the order of `ids` (every rule once) and returns them in that order.
  core::Result<std::vector<Rule>> reorder(const Actor& actor, const std::vector<std::int64_t>& ids);

 private:
  /// The request checked against what exists (categories, groups, staff); a rule without id.
  core::Result<Rule> check(const RuleRequest& request);

  RuleRepository& rules_;
  CatalogRepository& catalog_;
  UserRepository& users_;
  GroupRepository& groups_;
};

/// The refusal of a rule set with a loop (find_rule_loop): 400 `rule_loop` on field `actions`.
core::Error rule_loop_error(const std::vector<std::string>& names);

}  // namespace gongdan::domain
