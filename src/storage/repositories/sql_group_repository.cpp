#include "storage/repositories/sql_group_repository.hpp"

#include <unordered_map>

namespace gongdan::storage {
namespace {

using sql::Connection;

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

// A group other than `except` already has the name (names are unique, compared as stored).
bool name_taken(Connection& db, const std::string& name, core::GroupId except) {
  auto query = db.cached("SELECT id FROM agent_groups WHERE name = ?");
  if (!query->bind(1, name).step()) return false;
  return query->int64(0) != except.value;
}

void write_members(Connection& db, core::GroupId id, const std::vector<core::UserId>& members) {
  db.cached("DELETE FROM group_members WHERE group_id = ?")->bind(1, id.value).run();
  for (const auto member : members) {
    db.cached("INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        ->bind_all(id.value, member.value)
        .run();
  }
}

core::Error taken() { return core::Error::conflict("name_taken", "Another group has this name."); }

}  // namespace

std::vector<domain::Group> SqlGroupRepository::list() {
  auto found = store_.read([&](Connection& db) {
    // Two queries whatever the number of groups (on PostgreSQL each query is a round trip).
    auto query = db.cached("SELECT id, name, assignment FROM agent_groups ORDER BY name, id");
    std::vector<domain::Group> groups;
    std::unordered_map<std::int64_t, std::size_t> index;  // group id -> position in `groups`
    while (query->step()) {
      index.emplace(query->int64(0), groups.size());
      groups.push_back({core::GroupId{query->int64(0)},
                        query->text(1),
                        domain::parse_assignment_mode(query->text(2)).value_or(domain::AssignmentMode::kManual),
                        {}});
    }
    auto members = db.cached("SELECT group_id, user_id FROM group_members ORDER BY group_id, user_id");
    while (members->step()) {
      const auto it = index.find(members->int64(0));
      if (it != index.end()) groups[it->second].members.push_back(core::UserId{members->int64(1)});
    }
    return groups;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Group>{};
}

std::optional<domain::Group> SqlGroupRepository::find(core::GroupId id) {
  auto found = store_.read([&](Connection& db) { return load_group(db, id); });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::Group> SqlGroupRepository::create(const domain::GroupDraft& draft) {
  return store_.write([&](Connection& db) -> core::Result<domain::Group> {
    core::GroupId id;
    {
      // No row back: the name is taken. One statement, so that two processes creating the same
      // name on PostgreSQL meet here too (the second waits for the first, then inserts nothing).
      auto insert = db.cached(
          "INSERT INTO agent_groups (name, assignment) VALUES (?, ?) ON CONFLICT (name) DO NOTHING RETURNING id");
      if (!insert->bind_all(draft.name, domain::to_string(draft.assignment)).step()) return taken();
      id = core::GroupId{insert->int64(0)};
    }
    write_members(db, id, draft.members);
    if (auto group = load_group(db, id)) return std::move(*group);
    return core::Error::unavailable("The new group could not be read back.");
  });
}

core::Result<domain::Group> SqlGroupRepository::update(core::GroupId id, const domain::GroupDraft& draft) {
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

core::Status SqlGroupRepository::add_member(core::GroupId group, core::UserId user) {
  return store_.write([&](Connection& db) -> core::Status {
    if (!load_group(db, group)) return core::Error::not_found("No such group.");
    db.cached("INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        ->bind_all(group.value, user.value)
        .run();
    return core::ok_status();
  });
}

std::optional<core::GroupId> SqlGroupRepository::default_group() {
  auto found = store_.read([&](Connection& db) -> std::optional<core::GroupId> {
    auto query = db.cached("SELECT MIN(id) FROM agent_groups");
    if (!query->step()) return std::nullopt;
    if (const auto id = query->optional_int64(0)) return core::GroupId{*id};
    return std::nullopt;
  });
  return found.ok() ? *found : std::nullopt;
}

std::vector<core::GroupId> SqlGroupRepository::groups_of(core::UserId user) {
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
