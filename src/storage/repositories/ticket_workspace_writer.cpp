#include "storage/repositories/ticket_workspace_writer.hpp"

#include <algorithm>

#include "domain/agents/group.hpp"

namespace gongdan::storage {

std::optional<core::GroupId> group_for_new_ticket(sql::Connection& db, const domain::Ticket& ticket) {
  if (ticket.group_id) return ticket.group_id;
  auto query =
      db.cached("SELECT COALESCE((SELECT group_id FROM categories WHERE id = ?), (SELECT MIN(id) FROM agent_groups))");
  if (!query->bind(1, ticket.category_id.value).step()) return std::nullopt;
  if (const auto id = query->optional_int64(0)) return core::GroupId{*id};
  return std::nullopt;
}

std::optional<core::UserId> assign_on_arrival(sql::Connection& db, core::GroupId group) {
  auto group_row = db.cached("SELECT assignment, last_assignee_id FROM agent_groups WHERE id = ?");
  if (!group_row->bind(1, group.value).step()) return std::nullopt;
  const auto mode = domain::parse_assignment_mode(group_row->text(0)).value_or(domain::AssignmentMode::kManual);
  if (mode == domain::AssignmentMode::kManual) return std::nullopt;
  std::optional<core::UserId> last;
  if (const auto id = group_row->optional_int64(1)) last = core::UserId{*id};
  group_row->reset();
  if (db.dialect() == sql::Dialect::kPostgres) {
    // The group row stays locked until the ticket commits, so that arrivals in other processes
    // pick one after another (round robin's last pick, the members' loads) instead of all picking
    // the same agent; SQLite's single writer does that by itself. Read again under the lock: the
    // last pick may have changed meanwhile. Groups that assign manually take no lock.
    auto locked = db.cached("SELECT last_assignee_id FROM agent_groups WHERE id = ? FOR UPDATE");
    if (!locked->bind(1, group.value).step()) return std::nullopt;
    last.reset();
    if (const auto id = locked->optional_int64(0)) last = core::UserId{*id};
  }

  // Members still on staff, in id order, with their active load (the assignee index answers it).
  auto members = db.cached(
      "SELECT u.id, u.away, (SELECT COUNT(*) FROM tickets t WHERE t.assignee_user_id = u.id "
      "AND t.status IN ('new', 'open', 'pending')) "
      "FROM group_members m JOIN users u ON u.id = m.user_id "
      "WHERE m.group_id = ? AND u.role IN ('agent', 'supervisor', 'admin') ORDER BY u.id");
  members->bind(1, group.value);
  std::vector<domain::AssignmentCandidate> candidates;
  while (members->step()) {
    candidates.push_back({core::UserId{members->int64(0)}, members->boolean(1), static_cast<int>(members->int64(2))});
  }
  const auto pick = domain::pick_assignee(mode, candidates, last);
  if (pick) {
    auto remember = db.cached("UPDATE agent_groups SET last_assignee_id = ? WHERE id = ?");
    remember->bind_all(pick->value, group.value).run();
  }
  return pick;
}

void write_tags(sql::Connection& db, core::TicketId ticket, const std::vector<std::string>& before,
                const std::vector<std::string>& tags) {
  for (const auto& tag : before) {
    if (std::find(tags.begin(), tags.end(), tag) != tags.end()) continue;
    auto remove = db.cached("DELETE FROM ticket_tags WHERE ticket_id = ? AND tag = ?");
    remove->bind_all(ticket.value, tag).run();
  }
  for (const auto& tag : tags) {
    if (std::find(before.begin(), before.end(), tag) != before.end()) continue;
    auto add = db.cached("INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING");
    add->bind_all(ticket.value, tag).run();
  }
}

}  // namespace gongdan::storage
