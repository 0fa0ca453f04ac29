#pragma once

#include "domain/rules/rule_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::RuleRepository on any engine (sql::Store): the rules table (migration 8), read with the names of the
/// group and agent the rules set.
class SqlRuleRepository final : public domain::RuleRepository {
 public:
  explicit SqlRuleRepository(sql::Store& store) : store_(store) {}

  std::vector<domain::Rule> list() override;
  core::Result<domain::Rule> create(const domain::Rule& rule, const domain::RuleSetCheck& check) override;
  core::Result<domain::Rule> update(const domain::Rule& rule, const domain::RuleSetCheck& check) override;
  core::Status remove(core::RuleId id) override;
  core::Status reorder(const std::vector<core::RuleId>& ids) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
