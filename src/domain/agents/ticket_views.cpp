#include "domain/agents/ticket_views.hpp"

#include <utility>

namespace gongdan::domain {
namespace {

constexpr std::array<std::pair<ViewId, std::string_view>, kAllViews.size()> kViewNames{{
    {ViewId::kUnassigned, "unassigned"},
    {ViewId::kMine, "mine"},
    {ViewId::kMyGroups, "my_groups"},
    {ViewId::kPending, "pending"},
    {ViewId::kUrgent, "urgent"},
    {ViewId::kOpen, "open"},
    {ViewId::kRecentlySolved, "recently_solved"},
    {ViewId::kBreachRisk, "breach_risk"},
}};

const std::vector<Status> kActive{Status::kNew, Status::kOpen, Status::kPending};

}  // namespace

std::string_view to_string(ViewId view) {
  for (const auto& [id, name] : kViewNames) {
    if (id == view) return name;
  }
  return "open";
}

std::optional<ViewId> parse_view(std::string_view text) {
  for (const auto& [id, name] : kViewNames) {
    if (name == text) return id;
  }
  return std::nullopt;
}

std::optional<TicketQuery::Order> parse_queue_sort(std::string_view text) {
  using Order = TicketQuery::Order;
  if (text == "priority") return Order::kQueue;
  if (text == "age") return Order::kAge;
  if (text == "last_customer_message") return Order::kLastCustomerMessage;
  if (text == "due") return Order::kDue;
  return std::nullopt;
}

TicketQuery view_query(ViewId view, const StaffScope& scope, core::Timestamp now) {
  TicketQuery query;
  query.scope = scope;
  query.order = TicketQuery::Order::kQueue;
  query.statuses = kActive;
  switch (view) {
    case ViewId::kUnassigned: query.unassigned = true; break;
    case ViewId::kMine: query.assignee = scope.user; break;
    case ViewId::kMyGroups:
      // A supervisor's own groups too; one in no group has an empty view, not every ticket.
      query.groups = scope.groups;
      if (query.groups.empty()) query.groups = {core::GroupId{0}};
      break;
    case ViewId::kPending: query.statuses = {Status::kPending}; break;
    case ViewId::kUrgent: query.priorities = {Priority::kUrgent}; break;
    case ViewId::kOpen: break;
    case ViewId::kRecentlySolved:
      query.statuses = {Status::kResolved, Status::kClosed};
      query.resolved_since = now - kRecentlySolvedWindow;
      query.order = TicketQuery::Order::kRecentActivity;
      break;
    case ViewId::kBreachRisk:
      // Open tickets with a running target at 75 % or past due (docs/sla.md); a warning instant
      // never follows its due time, so one comparison covers both.
      query.statuses = {Status::kNew, Status::kOpen};
      query.sla_warned_by = now;
      query.order = TicketQuery::Order::kDue;
      break;
  }
  return query;
}

}  // namespace gongdan::domain
