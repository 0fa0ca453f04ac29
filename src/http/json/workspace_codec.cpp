#include "http/json/workspace_codec.hpp"

#include "http/error_mapping.hpp"
#include "http/json/encode.hpp"

namespace gongdan::http {

nlohmann::json customer_panel_json(const domain::TicketView& view) {
  nlohmann::json tickets = nlohmann::json::array();
  for (const auto& ticket : view.customer_tickets) {
    auto summary = ticket_summary_json(ticket);
    summary["priority"] = domain::to_string(ticket.priority);
    summary["created_at"] = core::format_rfc3339(ticket.created_at);
    tickets.push_back(std::move(summary));
  }
  nlohmann::json account = nullptr;
  if (view.customer_account) {
    const auto& user = *view.customer_account;
    account = {{"id", user.id.value},
               {"name", user.name},
               {"email", user.email},
               {"locale", domain::to_string(user.locale)},
               {"email_verified", user.email_verified_at.has_value()},
               {"created_at", core::format_rfc3339(user.created_at)}};
  }
  return {{"account", std::move(account)}, {"tickets", std::move(tickets)}};
}

nlohmann::json group_json(const domain::Group& group) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto id : group.members) members.push_back(id.value);
  return {{"id", group.id.value},
          {"name", group.name},
          {"assignment", domain::to_string(group.assignment)},
          {"member_ids", std::move(members)}};
}

nlohmann::json staff_user_json(const domain::User& user) {
  auto json = user_json(user);
  json["away"] = user.away;
  return json;
}

nlohmann::json directory_json(const domain::StaffDirectory& directory) {
  nlohmann::json staff = nlohmann::json::array();
  for (const auto& member : directory.staff) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto id : member.groups) groups.push_back(id.value);
    staff.push_back({{"id", member.user.id.value},
                     {"name", member.user.name},
                     {"role", domain::to_string(member.user.role)},
                     {"away", member.user.away},
                     {"group_ids", std::move(groups)},
                     {"active_tickets", member.active_tickets}});
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : directory.groups) groups.push_back(group_json(group));
  return {{"staff", std::move(staff)}, {"groups", std::move(groups)}};
}

nlohmann::json views_json(const std::vector<domain::ViewCount>& views) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& view : views) items.push_back({{"id", view.id}, {"count", view.count}});
  return {{"views", std::move(items)}};
}

nlohmann::json bulk_json(const std::vector<domain::BulkOutcome>& outcomes) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& outcome : outcomes) {
    nlohmann::json item{{"number", outcome.number}, {"ok", !outcome.error}};
    if (outcome.error) {
      item["status"] = http_status(outcome.error->code);
      // A field error's own code says more than "validation_failed".
      item["code"] = outcome.error->fields.empty() ? outcome.error->reason : outcome.error->fields.front().code;
      item["detail"] = outcome.error->message;
    }
    results.push_back(std::move(item));
  }
  return {{"results", std::move(results)}};
}

}  // namespace gongdan::http
