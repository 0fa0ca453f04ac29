#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/sla/sla_service.hpp"

namespace gongdan::http {

/// {id, name, position, enabled, calendar, categories, customer_domains, targets, escalation}
nlohmann::json sla_policy_json(const domain::sla::SlaPolicy& policy);
nlohmann::json sla_policies_json(const std::vector<domain::sla::SlaPolicy>& policies);
/// Reads a policy over `base`: every field present replaces base's (POST starts from defaults,
/// PATCH from the stored policy). Type errors are answered here; values are the domain's to check.
core::Result<domain::sla::SlaPolicyInput> decode_sla_policy(const nlohmann::json& body,
                                                            domain::sla::SlaPolicyInput base);
/// {ids: [id, ...]}
core::Result<std::vector<std::int64_t>> decode_sla_policy_order(const nlohmann::json& body);

/// {name, time_zone, weekly, special_days, used_by, read_only}
nlohmann::json sla_calendar_json(const domain::sla::StoredCalendar& calendar);
nlohmann::json sla_calendars_json(const std::vector<domain::sla::StoredCalendar>& calendars);
/// Reads {time_zone, weekly, special_days}; field errors name `time_zone`, `weekly.monday[0]`,
/// `special_days[3].date` and so on.
core::Result<domain::sla::CalendarDefinition> decode_sla_calendar(const nlohmann::json& body);
nlohmann::json calendar_import_json(const domain::sla::CalendarImport& report);

/// `reply_by` for customers: {at, basis, holiday} or null.
nlohmann::json reply_by_json(const std::optional<domain::sla::ReplyBy>& reply_by);

/// {from, to, priorities: [...], daily: [...]}
nlohmann::json sla_report_json(const domain::sla::SlaReport& report);

}  // namespace gongdan::http
