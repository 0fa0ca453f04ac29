#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "domain/rules/rule.hpp"

namespace gongdan::domain {

/// Checks the whole rule set as a write would leave it, inside the write transaction: two admins
/// saving at once cannot together build a loop that each alone would not.
using RuleSetCheck = std::function<core::Status(const std::vector<Rule>& after)>;

/// Where automation rules live, read in order with the names of the group and agent they set.
class RuleRepository {
 public:
  virtual ~RuleRepository() = default;
  /// Every rule, ascending position then id.
  virtual std::vector<Rule> list() = 0;
  /// Appends the rule after the last one. Nothing is written when `check` fails.
  virtual core::Result<Rule> create(const Rule& rule, const RuleSetCheck& check) = 0;
  /// Replaces everything but the position. Error kNotFound; nothing written when `check` fails.
  virtual core::Result<Rule> update(const Rule& rule, const RuleSetCheck& check) = 0;
  /// Error kNotFound.
  virtual core::Status remove(core::RuleId id) = 0;
  /// Gives the rules positions in the order of `ids`, which must name every rule once: error
  /// kInvalid (field `ids`) otherwise, with nothing written.
  virtual core::Status reorder(const std::vector<core::RuleId>& ids) = 0;
};

}  // namespace gongdan::domain
