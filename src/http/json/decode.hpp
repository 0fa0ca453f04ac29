#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/agents/staff_service.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "domain/users/auth_service.hpp"

namespace gongdan::http {

/// The body of POST /auth/login.
struct Credentials {
  std::string email;
  std::string password;
};

/// The body of POST /tickets/lookup.
struct LookupQuery {
  std::string number;
  std::string email;
};

// Each decoder takes a JSON object (see parse_json_object) and fails on wrong types (`invalid_type`
// with the field's path), naming missing required fields (`required`) beside them. Login and
// lookup always report missing fields; elsewhere the use case checks presence and lengths.

core::Result<Credentials> decode_credentials(const nlohmann::json& body);
core::Result<domain::Registration> decode_registration(const nlohmann::json& body);
core::Result<domain::ProfileUpdate> decode_profile_update(const nlohmann::json& body);
/// Files come from multipart parts and are added by the handler.
core::Result<domain::TicketSubmission> decode_ticket_submission(const nlohmann::json& body);
/// `internal`, `status`, `priority`, `add_tags`, `seen_updated_at` and `confirm` are read only when the
/// caller may send them (agents).
core::Result<domain::MessageSubmission> decode_message(const nlohmann::json& body, bool read_internal);
core::Result<domain::TicketUpdate> decode_ticket_update(const nlohmann::json& body);

/// POST /agent/tickets/bulk: {numbers: [...], changes: {a ticket update}}.
struct BulkUpdate {
  std::vector<std::string> numbers;
  domain::TicketUpdate update;
};
core::Result<BulkUpdate> decode_bulk_update(const nlohmann::json& body);
/// POST /agent/tickets/{number}/merge: {into: number}.
core::Result<std::string> decode_merge(const nlohmann::json& body);
core::Result<domain::GroupRequest> decode_group(const nlohmann::json& body);
core::Result<domain::AccessUpdate> decode_access_update(const nlohmann::json& body);
core::Result<domain::UserCommand> decode_user_command(const nlohmann::json& body);
core::Result<LookupQuery> decode_lookup(const nlohmann::json& body);

}  // namespace gongdan::http
