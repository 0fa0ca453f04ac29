#pragma once

#include <optional>
#include <string_view>

namespace gongdan::domain {

/// A ticket's place in its life: new → open → pending ⇄ open → resolved → closed.
enum class Status { kNew, kOpen, kPending, kResolved, kClosed };

/// How urgent the support team treats a ticket.
enum class Priority { kLow, kNormal, kHigh, kUrgent };

/// What the customer says about their problem: urgent means a crash or data loss.
enum class Urgency { kNormal, kUrgent };

std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);
std::string_view to_string(Priority priority);
std::optional<Priority> parse_priority(std::string_view text);
std::string_view to_string(Urgency urgency);
std::optional<Urgency> parse_urgency(std::string_view text);

/// Whether an agent may move a ticket from one status to another. Closed is final.
bool agent_may_change(Status from, Status to);

/// Open means someone still has to act: new, open or pending.
inline bool is_active(Status s) { return s == Status::kNew || s == Status::kOpen || s == Status::kPending; }

}  // namespace gongdan::domain
