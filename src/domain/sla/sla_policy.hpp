#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/sla/sla_duration.hpp"
#include "domain/tickets/status.hpp"

namespace gongdan::domain::sla {

/// What a target measures (docs/sla.md "Clocks on a ticket").
enum class TargetKind { kFirstResponse, kNextResponse, kResolution };
inline constexpr std::array<TargetKind, 3> kTargetKinds{TargetKind::kFirstResponse, TargetKind::kNextResponse,
                                                        TargetKind::kResolution};

/// `first_response`, `next_response`, `resolution`: the wire and database words.
std::string_view to_string(TargetKind kind);
std::optional<TargetKind> parse_target_kind(std::string_view text);

/// Which clock a target runs on: the policy's business calendar, or around the clock (24×7).
enum class TargetClock { kBusiness, kCalendar };
std::string_view to_string(TargetClock clock);
std::optional<TargetClock> parse_target_clock(std::string_view text);

/// One target: "4h of business time", "1d of calendar time".
struct SlaTarget {
  SlaDuration duration;
  TargetClock clock = TargetClock::kBusiness;
  bool operator==(const SlaTarget&) const = default;
};

/// A priority's three targets, each optional (no target).
struct PriorityTargets {
  std::array<std::optional<SlaTarget>, 3> by_kind;  // indexed by TargetKind
  const std::optional<SlaTarget>& operator[](TargetKind kind) const { return by_kind[static_cast<int>(kind)]; }
  std::optional<SlaTarget>& operator[](TargetKind kind) { return by_kind[static_cast<int>(kind)]; }
  bool operator==(const PriorityTargets&) const = default;
};

/// What runs once when a target is breached.
struct EscalationActions {
  bool notify_supervisors = true;
  bool raise_priority = false;
  std::optional<core::GroupId> escalation_group_id;
  bool operator==(const EscalationActions&) const = default;
};

/// A service-level policy: which tickets it covers and their targets per priority.
struct SlaPolicy {
  std::int64_t id = 0;
  std::string name;
  int position = 0;
  bool enabled = true;
  std::string calendar = "cn-mainland-2026";
  std::vector<core::CategoryId> categories;   // category ids (categories have no slug); empty: every category
  std::vector<std::string> customer_domains;  // lower-case mail domains; empty: every customer
  std::array<PriorityTargets, 4> targets;     // indexed by Priority (low .. urgent)
  EscalationActions escalation;

  const PriorityTargets& targets_for(Priority p) const { return targets[static_cast<int>(p)]; }
  bool operator==(const SlaPolicy&) const = default;
};

/// A target as submitted, before its texts are checked.
struct SlaTargetInput {
  std::string duration;
  std::string clock;
};

/// A policy as submitted by an admin (create or replace); build_sla_policy checks it.
struct SlaPolicyInput {
  std::string name;
  bool enabled = true;
  std::string calendar = "cn-mainland-2026";
  std::vector<std::int64_t> categories;
  std::vector<std::string> customer_domains;
  std::array<std::array<std::optional<SlaTargetInput>, 3>, 4> targets;  // [priority][kind]
  EscalationActions escalation;
};

/// What a policy's names must exist among, for validation.
struct PolicyReferences {
  std::vector<std::string> calendars;        // stored calendars plus the built-in `24x7`
  std::vector<core::CategoryId> categories;  // every category, active or retired
  std::vector<core::GroupId> groups;
  std::vector<std::string> other_policy_names;  // names taken by other policies
};

inline constexpr std::size_t kMaxPolicyNameLength = 100;
inline constexpr std::size_t kMaxCustomerDomains = 50;
inline constexpr std::size_t kMaxPolicyCategories = 200;

/// Checks an input and builds the policy (id and position left to the store). Error kInvalid
/// with one FieldError per problem: `name` (required, too_long, duplicate), `calendar`
/// (unknown_calendar), `categories[i]` (unknown_category), `customer_domains[i]` (invalid),
/// `customer_domains` (too_many), `targets.high.first_response.duration|clock` (invalid),
/// `escalation.escalation_group_id` (unknown_group).
core::Result<SlaPolicy> build_sla_policy(const SlaPolicyInput& input, const PolicyReferences& refs);

/// True for a mail domain as policies store it: lower-case labels of letters, digits and `-`,
/// separated by dots, at least two labels, at most 253 characters.
bool is_valid_mail_domain(std::string_view domain);

/// The domain part of an address, lower-cased ("" when there is no `@`).
std::string email_domain(std::string_view email);

/// Whether a policy covers a ticket of this category and customer address.
bool policy_applies(const SlaPolicy& policy, core::CategoryId category, std::string_view customer_email);

/// The first enabled policy by position that applies, or nullptr (the ticket has no targets).
const SlaPolicy* select_policy(const std::vector<SlaPolicy>& policies, core::CategoryId category,
                               std::string_view customer_email);

/// The shipped policy "标准服务 Standard" (docs/sla.md), as migration 0009 seeds it.
SlaPolicy standard_policy();

/// The priority one step above (urgent stays urgent): the `raise_priority` action.
Priority raised(Priority p);

}  // namespace gongdan::domain::sla
