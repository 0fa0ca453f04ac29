#include "storage/sqlite/sqlite_group_repository.hpp"

namespace gongdan::storage {
namespace {

using sqlite::Connection;

std::vector<core::UserId> members_of(Connection& db, core::GroupId id) {
  auto query = db.cached("SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id");
  query->bind(1, id.value);
  std::vector<core::UserId> members;
  while (query->step()) members.push_back(core::UserId{query->int64(0)});
  return members;
}

std::optional<domain::Group> load_group(Connection& db, core::GroupId id) {
  auto query = db.cached("SELECT id, name, assignment FROM agent_groups WHERE id = ?");
  if (!query->bind(1, id.value).step()) return std::nullopt;
  domain::Group group{
      id, query->text(1), domain::parse_assignment_mode(query->text(2)).value_or(domain::AssignmentMode::kManual), {}};
  group.members = members_of(db, id);
  return group;
}

// Another group already has the name (names are unique, compared as stored).
bool name_taken(Connection& db, const std::string& name, std::optional<core::GroupId> except) {
  auto query = db.cached("SELECT id FROM agent_groups WHERE name = ?");
  if (!query->bind(1, name).step()) return false;
  return !except || query->int64(0) != except->value;
}

void write_members(Connection& db, core::GroupId id, const std::vector<core::UserId>& members) {
  db.cached("DELETE FROM group_members WHERE group_id = ?")->bind(1, id.value).run();
  for (const auto member : members) {
    db.cached("INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)")
        ->bind_all(id.value, member.value)
        .run();
  }
}

core::Error taken() { return core::Error::conflict("name_taken", "Another group has this name."); }

}  // namespace

std::vector<domain::Group> SqliteGroupRepository::list() {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached("SELECT id FROM agent_groups ORDER BY name, id");
    std::vector<core::GroupId> ids;
    while (query->step()) ids.push_back(core::GroupId{query->int64(0)});
    std::vector<domain::Group> groups;
    for (const auto id : ids) {
      if (auto group = load_group(db, id)) groups.push_back(std::move(*group));
    }
    return groups;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Group>{};
}

std::optional<domain::Group> SqliteGroupRepository::find(core::GroupId id) {
  auto found = store_.read([&](Connection& db) { return load_group(db, id); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::Group> SqliteGroupRepository::create(const domain::GroupDraft& draft) {
  return store_.write([&](Connection& db) -> core::Result<domain::Group> {
    if (name_taken(db, draft.name, std::nullopt)) return taken();
    db.cached("INSERT INTO agent_groups (name, assignment) VALUES (?, ?)")
        ->bind_all(draft.name, domain::to_string(draft.assignment))
        .run();
    const core::GroupId id{db.last_insert_id()};
    write_members(db, id, draft.members);
    if (auto group = load_group(db, id)) return std::move(*group);
    return core::Error::unavailable("The new group could not be read back.");
  });
}

core::Result<domain::Group> SqliteGroupRepository::update(core::GroupId id, const domain::GroupDraft& draft) {
  return store_.write([&](Connection& db) -> core::Result<domain::Group> {
    if (!load_group(db, id)) return core::Error::not_found("No such group.");
    if (name_taken(db, draft.name, id)) return taken();
    db.cached("UPDATE agent_groups SET name = ?, assignment = ? WHERE id = ?")
        ->bind_all(draft.name, domain::to_string(draft.assignment), id.value)
        .run();
    write_members(db, id, draft.members);
    if (auto group = load_group(db, id)) return std::move(*group);
    return core::Error::unavailable("The group could not be read back.");
  });
}

core::Status SqliteGroupRepository::add_member(core::GroupId group, core::UserId user) {
  return store_.write([&](Connection& db) -> core::Status {
    if (!load_group(db, group)) return core::Error::not_found("No such group.");
    db.cached("INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)")
        ->bind_all(group.value, user.value)
        .run();
    return core::ok_status();
  });
}

std::optional<core::GroupId> SqliteGroupRepository::default_group() {
  auto found = store_.read([&](Connection& db) -> std::optional<core::GroupId> {
    auto query = db.cached("SELECT MIN(id) FROM agent_groups");
    if (!query->step()) return std::nullopt;
    if (const auto id = query->optional_int64(0)) return core::GroupId{*id};
    return std::nullopt;
  });
  return found.ok() ? *found : std::nullopt;
}

std::vector<core::GroupId> SqliteGroupRepository::groups_of(core::UserId user) {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached("SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id");
    query->bind(1, user.value);
    std::vector<core::GroupId> groups;
    while (query->step()) groups.push_back(core::GroupId{query->int64(0)});
    return groups;
  });
  return found.ok() ? std::move(found).value() : std::vector<core::GroupId>{};
}

}  // namespace gongdan::storage
