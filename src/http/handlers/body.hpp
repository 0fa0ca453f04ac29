#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/tickets/ticket_service.hpp"
#include "http/context/request_context.hpp"
#include "http/handlers/expected.hpp"

namespace gongdan::http {

/// Whether a Content-Type names JSON (application/json or any */*+json).
bool is_json_content_type(std::string_view content_type);

/// The request body as a JSON object: 415 unless the Content-Type is JSON, then parse_json_object.
Expected<nlohmann::json> json_body(const RequestContext& ctx);

/// A body that is JSON, or multipart/form-data with the JSON in part `json_part` plus `files` parts.
struct FormBody {
  nlohmann::json json;
  std::vector<domain::Upload> files;
};

/// Reads a JSON or multipart body (415 for anything else). Multipart: `json_part` is required;
/// a filename that is not UTF-8 is `invalid_utf8` on `files[i]`; other parts are ignored.
Expected<FormBody> form_body(const RequestContext& ctx, std::string_view json_part);

/// A path segment that must be a positive id ({id} in /admin/outbox/{id}/retry); nullopt otherwise,
/// which handlers answer as "not found": a malformed id names no resource.
std::optional<std::int64_t> path_id(std::string_view text);

}  // namespace gongdan::http
