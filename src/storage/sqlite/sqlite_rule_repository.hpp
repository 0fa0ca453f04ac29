#pragma once

#include "domain/rules/rule_repository.hpp"
#include "storage/sqlite/store.hpp"

namespace gongdan::storage {

/// domain::RuleRepository on SQLite: the rules table (migration 8), read with the names of the
/// group and agent the rules set.
class SqliteRuleRepository final : public domain::RuleRepository {
 public:
  explicit SqliteRuleRepository(sqlite::Store& store) : store_(store) {}

  std::vector<domain::Rule> list() override;
  core::Result<domain::Rule> create(const domain::Rule& rule, const domain::RuleSetCheck& check) override;
  core::Result<domain::Rule> update(const domain::Rule& rule, const domain::RuleSetCheck& check) override;
  core::Status remove(core::RuleId id) override;
  core::Status reorder(const std::vector<core::RuleId>& ids) override;

 private:
  sqlite::Store& store_;
};

}  // namespace gongdan::storage
