#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "core/time.hpp"
#include "domain/agents/access_policy.hpp"
#include "domain/tickets/ticket_repository.hpp"

namespace gongdan::domain {

/// The built-in queue views (docs/workspace.md); the wire names are stable ids.
enum class ViewId { kUnassigned, kMine, kMyGroups, kPending, kUrgent, kOpen, kRecentlySolved, kBreachRisk };

inline constexpr std::array kAllViews{ViewId::kUnassigned, ViewId::kMine, ViewId::kMyGroups,       ViewId::kPending,
                                      ViewId::kUrgent,     ViewId::kOpen, ViewId::kRecentlySolved, ViewId::kBreachRisk};

/// "Recently solved" looks back this far.
constexpr auto kRecentlySolvedWindow = std::chrono::hours{24 * 7};

std::string_view to_string(ViewId view);
std::optional<ViewId> parse_view(std::string_view text);
/// The order a `sort` parameter names: priority | age | last_customer_message | due.
std::optional<TicketQuery::Order> parse_queue_sort(std::string_view text);

/// The filters of a view for one staff member, always within their scope, in queue order.
TicketQuery view_query(ViewId view, const StaffScope& scope, core::Timestamp now);

}  // namespace gongdan::domain
