#include "http/handlers/list_request.hpp"

#include <charconv>

namespace gongdan::http {

core::Result<domain::ListRequest> list_request(const QueryParams& query) {
  domain::ListRequest request;
  if (const auto status = query.get("status"); status && !status->empty()) request.status = std::string(*status);
  if (const auto priority = query.get("priority"); priority && !priority->empty())
    request.priority = std::string(*priority);
  request.text = std::string(query.get("q").value_or(""));
  request.cursor = std::string(query.get("cursor").value_or(""));
  if (const auto limit = query.get("limit"); limit && !limit->empty()) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc{} || end != limit->data() + limit->size()) {
      return core::Error::field("limit", "invalid", "The limit must be a whole number from 1 to 100.");
    }
    request.limit = value;
  }
  return request;
}

}  // namespace gongdan::http
