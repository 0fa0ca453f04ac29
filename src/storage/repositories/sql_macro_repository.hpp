#pragma once

#include "domain/macros/macro_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::MacroRepository on any engine (sql::Store): one row per macro, shared ones without an owner.
class SqlMacroRepository final : public domain::MacroRepository {
 public:
  explicit SqlMacroRepository(sql::Store& store) : store_(store) {}

  core::Result<std::vector<domain::Macro>> usable_by(core::UserId user) override;
  core::Result<std::optional<domain::Macro>> find(domain::MacroId id) override;
  core::Result<domain::Macro> create(const domain::Macro& macro) override;
  core::Result<domain::Macro> update(const domain::Macro& macro) override;
  core::Status remove(domain::MacroId id) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
