#include "http/handlers/list_request.hpp"

#include <charconv>

namespace gongdan::http {

namespace {

// A whole number parameter, or an `invalid` error naming it with `message`.
core::Result<std::optional<std::int64_t>> integer_param(const QueryParams& query, std::string_view name,
                                                        std::string_view message = "Must be a whole number.") {
  const auto text = query.get(name);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) {
    return core::Error::field(std::string(name), "invalid", std::string(message));
  }
  return std::optional<std::int64_t>{value};
}

std::optional<std::string> text_param(const QueryParams& query, std::string_view name) {
  const auto text = query.get(name);
  if (!text || text->empty()) return std::nullopt;
  return std::string(*text);
}

}  // namespace

core::Result<domain::ListRequest> list_request(const QueryParams& query) {
  domain::ListRequest request;
  request.view = text_param(query, "view");
  request.sort = text_param(query, "sort");
  request.tag = text_param(query, "tag");
  auto group = integer_param(query, "group_id");
  if (!group) return group.take_error();
  request.group_id = *group;
  auto assignee = integer_param(query, "assignee_id");
  if (!assignee) return assignee.take_error();
  request.assignee_id = *assignee;
  if (const auto status = query.get("status"); status && !status->empty()) request.status = std::string(*status);
  if (const auto priority = query.get("priority"); priority && !priority->empty())
    request.priority = std::string(*priority);
  request.text = std::string(query.get("q").value_or(""));
  request.cursor = std::string(query.get("cursor").value_or(""));
  auto limit = integer_param(query, "limit", "The limit must be a whole number from 1 to 100.");
  if (!limit) return limit.take_error();
  if (*limit) request.limit = **limit;
  return request;
}

}  // namespace gongdan::http
