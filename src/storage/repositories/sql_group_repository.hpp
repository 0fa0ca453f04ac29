#pragma once

#include "domain/agents/group_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::GroupRepository on any engine (sql::Store): agent_groups and group_members (migration 4).
class SqlGroupRepository final : public domain::GroupRepository {
 public:
  explicit SqlGroupRepository(sql::Store& store) : store_(store) {}

  std::vector<domain::Group> list() override;
  std::optional<domain::Group> find(core::GroupId id) override;
  core::Result<domain::Group> create(const domain::GroupDraft& draft) override;
  core::Result<domain::Group> update(core::GroupId id, const domain::GroupDraft& draft) override;
  core::Status add_member(core::GroupId group, core::UserId user) override;
  std::optional<core::GroupId> default_group() override;
  std::vector<core::GroupId> groups_of(core::UserId user) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
