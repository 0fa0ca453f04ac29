#include "domain/sla/sla_policy.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain::sla {
namespace {

constexpr std::array<std::string_view, 3> kKindNames{"first_response", "next_response", "resolution"};
constexpr std::array<std::string_view, 4> kPriorityNames{"low", "normal", "high", "urgent"};

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

SlaTarget target(std::string_view duration, TargetClock clock) {
  return SlaTarget{parse_sla_duration(duration).value(), clock};
}

}  // namespace

std::string_view to_string(TargetKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<TargetKind> parse_target_kind(std::string_view text) {
  for (const auto kind : kTargetKinds) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

std::string_view to_string(TargetClock clock) { return clock == TargetClock::kBusiness ? "business" : "calendar"; }

std::optional<TargetClock> parse_target_clock(std::string_view text) {
  if (text == "business") return TargetClock::kBusiness;
  if (text == "calendar") return TargetClock::kCalendar;
  return std::nullopt;
}

bool is_valid_mail_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  int labels = 0;
  std::size_t start = 0;
  while (start <= domain.size()) {
    auto end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const auto label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    ++labels;
    start = end + 1;
  }
  return labels >= 2;
}

std::string email_domain(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return {};
  return core::ascii_lower(email.substr(at + 1));
}

core::Result<SlaPolicy> build_sla_policy(const SlaPolicyInput& input, const PolicyReferences& refs) {
  std::vector<core::FieldError> errors;
  SlaPolicy policy;
  if (auto problem = check_text("name", input.name, kMaxPolicyNameLength)) {
    errors.push_back(std::move(*problem));
  } else if (contains(refs.other_policy_names, input.name)) {
    errors.push_back({"name", "duplicate", "Another policy has this name."});
  }
  policy.name = input.name;
  policy.enabled = input.enabled;
  policy.calendar = input.calendar;
  if (!contains(refs.calendars, input.calendar)) {
    errors.push_back({"calendar", "unknown_calendar", "There is no calendar of this name."});
  }
  if (input.categories.size() > kMaxPolicyCategories) {
    errors.push_back({"categories", "too_many", "A policy names at most 200 categories."});
  }
  for (std::size_t i = 0; i < input.categories.size() && i < kMaxPolicyCategories; ++i) {
    const core::CategoryId id{input.categories[i]};
    if (std::find(refs.categories.begin(), refs.categories.end(), id) == refs.categories.end()) {
      errors.push_back({"categories[" + std::to_string(i) + "]", "unknown_category", "There is no such category."});
    } else if (std::find(policy.categories.begin(), policy.categories.end(), id) == policy.categories.end()) {
      policy.categories.push_back(id);
    }
  }
  if (input.customer_domains.size() > kMaxCustomerDomains) {
    errors.push_back({"customer_domains", "too_many", "A policy names at most 50 customer domains."});
  }
  for (std::size_t i = 0; i < input.customer_domains.size() && i < kMaxCustomerDomains; ++i) {
    const auto& domain = input.customer_domains[i];
    if (!is_valid_mail_domain(domain)) {
      errors.push_back({"customer_domains[" + std::to_string(i) + "]", "invalid",
                        "Write a lower-case mail domain such as vip.example.com."});
    } else if (!contains(policy.customer_domains, domain)) {
      policy.customer_domains.push_back(domain);
    }
  }
  for (std::size_t p = 0; p < 4; ++p) {
    for (const auto kind : kTargetKinds) {
      const auto& given = input.targets[p][static_cast<int>(kind)];
      if (!given) continue;
      const std::string field = "targets." + std::string(kPriorityNames[p]) + "." + std::string(to_string(kind));
      const auto duration = parse_sla_duration(given->duration);
      const auto clock = parse_target_clock(given->clock);
      if (!duration) {
        errors.push_back({field + ".duration", "invalid", "Write a duration such as 90m, 4h or 3d."});
      }
      if (!clock) errors.push_back({field + ".clock", "invalid", "The clock is business or calendar."});
      if (duration && clock) policy.targets[p][kind] = SlaTarget{*duration, *clock};
    }
  }
  policy.escalation = input.escalation;
  if (const auto group = input.escalation.escalation_group_id) {
    if (std::find(refs.groups.begin(), refs.groups.end(), *group) == refs.groups.end()) {
      errors.push_back({"escalation.escalation_group_id", "unknown_group", "There is no such group."});
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return policy;
}

bool policy_applies(const SlaPolicy& policy, core::CategoryId category, std::string_view customer_email) {
  const auto& ids = policy.categories;
  if (!ids.empty() && std::find(ids.begin(), ids.end(), category) == ids.end()) return false;
  if (!policy.customer_domains.empty() && !contains(policy.customer_domains, email_domain(customer_email))) {
    return false;
  }
  return true;
}

const SlaPolicy* select_policy(const std::vector<SlaPolicy>& policies, core::CategoryId category,
                               std::string_view customer_email) {
  const SlaPolicy* best = nullptr;
  for (const auto& policy : policies) {
    if (!policy.enabled || !policy_applies(policy, category, customer_email)) continue;
    const bool earlier =
        !best || policy.position < best->position || (policy.position == best->position && policy.id < best->id);
    if (earlier) best = &policy;
  }
  return best;
}

SlaPolicy standard_policy() {
  using enum TargetClock;
  SlaPolicy policy;
  policy.name = "标准服务 Standard";
  policy.position = 1;
  auto set = [&](Priority p, SlaTarget first, SlaTarget next, SlaTarget resolution) {
    auto& t = policy.targets[static_cast<int>(p)];
    t[TargetKind::kFirstResponse] = first;
    t[TargetKind::kNextResponse] = next;
    t[TargetKind::kResolution] = resolution;
  };
  set(Priority::kUrgent, target("1h", kCalendar), target("2h", kCalendar), target("1d", kCalendar));
  set(Priority::kHigh, target("4h", kBusiness), target("8h", kBusiness), target("3d", kBusiness));
  set(Priority::kNormal, target("24h", kCalendar), target("24h", kCalendar), target("5d", kBusiness));
  set(Priority::kLow, target("3d", kBusiness), target("3d", kBusiness), target("10d", kBusiness));
  return policy;
}

Priority raised(Priority p) {
  switch (p) {
    case Priority::kLow: return Priority::kNormal;
    case Priority::kNormal: return Priority::kHigh;
    default: return Priority::kUrgent;
  }
}

}  // namespace gongdan::domain::sla
