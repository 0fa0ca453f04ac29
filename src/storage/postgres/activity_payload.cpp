#include "storage/postgres/activity_payload.hpp"

#include <nlohmann/json.hpp>

namespace gongdan::storage::postgres {
namespace {

std::optional<domain::ActivityKind> parse_kind(std::string_view text) {
  for (const auto kind :
       {domain::ActivityKind::kCreated, domain::ActivityKind::kUpdated, domain::ActivityKind::kMessageAdded}) {
    if (domain::to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

}  // namespace

std::string encode_activity(std::string_view origin, const domain::TicketActivity& activity) {
  nlohmann::json payload{{"v", 1},
                         {"origin", origin},
                         {"kind", domain::to_string(activity.kind)},
                         {"ticket_id", activity.ticket_id.value},
                         {"number", activity.number},
                         {"status", domain::to_string(activity.status)},
                         {"priority", domain::to_string(activity.priority)},
                         {"updated_at", core::to_epoch_ms(activity.updated_at)},
                         {"internal", activity.internal}};
  payload["group_id"] = activity.group_id ? nlohmann::json(activity.group_id->value) : nlohmann::json();
  payload["assignee_id"] = activity.assignee_id ? nlohmann::json(activity.assignee_id->value) : nlohmann::json();
  return payload.dump();
}

std::optional<ReceivedActivity> decode_activity(std::string_view text) {
  // Anything may arrive on the channel: parse without exceptions and check every field's type.
  const auto payload = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) return std::nullopt;
  const auto version = payload.find("v");
  if (version == payload.end() || !version->is_number_integer() || version->get<std::int64_t>() != 1)
    return std::nullopt;
  const auto text_of = [&](const char* key) -> const std::string* {
    const auto it = payload.find(key);
    return it != payload.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
  };
  const auto id_of = [&](const char* key, bool nullable) -> std::optional<std::optional<std::int64_t>> {
    const auto it = payload.find(key);
    if (it == payload.end()) return std::nullopt;
    if (it->is_null() && nullable) return std::optional<std::int64_t>{};
    if (!it->is_number_integer()) return std::nullopt;
    return std::optional<std::int64_t>{it->get<std::int64_t>()};
  };
  const auto* origin = text_of("origin");
  const auto* kind_text = text_of("kind");
  const auto* number = text_of("number");
  const auto* status_text = text_of("status");
  const auto* priority_text = text_of("priority");
  const auto ticket_id = id_of("ticket_id", false);
  const auto updated_at = id_of("updated_at", false);
  const auto group_id = id_of("group_id", true);
  const auto assignee_id = id_of("assignee_id", true);
  const auto internal = payload.find("internal");
  if (!origin || !kind_text || !number || !status_text || !priority_text || !ticket_id || !updated_at || !group_id ||
      !assignee_id || internal == payload.end() || !internal->is_boolean()) {
    return std::nullopt;
  }
  const auto kind = parse_kind(*kind_text);
  const auto status = domain::parse_status(*status_text);
  const auto priority = domain::parse_priority(*priority_text);
  if (!kind || !status || !priority) return std::nullopt;

  ReceivedActivity received;
  received.origin = *origin;
  auto& a = received.activity;
  a.kind = *kind;
  a.ticket_id = core::TicketId{**ticket_id};
  a.number = *number;
  if (*group_id) a.group_id = core::GroupId{**group_id};
  if (*assignee_id) a.assignee_id = core::UserId{**assignee_id};
  a.status = *status;
  a.priority = *priority;
  a.updated_at = core::from_epoch_ms(**updated_at);
  a.internal = internal->get<bool>();
  return received;
}

}  // namespace gongdan::storage::postgres
