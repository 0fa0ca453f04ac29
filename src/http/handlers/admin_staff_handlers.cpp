#include "http/handlers/admin_staff_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/json/decode.hpp"
#include "http/json/encode.hpp"
#include "http/json/workspace_codec.hpp"

namespace gongdan::http {

Response list_users(RequestContext& ctx) {
  std::optional<std::string> role;
  if (auto text = ctx.query.get("role")) role = std::string(*text);
  const auto users = ctx.services.staff.list_users(ctx.actor, role, std::string(ctx.query.get("q").value_or("")));
  if (!users) return error_response(users.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& user : *users) items.push_back(staff_user_json(user));
  return json_response(200, {{"items", std::move(items)}});
}

Response create_user(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto command = decode_user_command(*body);
  if (!command) return error_response(command.error());
  const auto user = ctx.services.staff.create_user(ctx.actor, *command);
  if (!user) return error_response(user.error());
  return json_response(201, {{"user", staff_user_json(*user)}});
}

Response update_user(RequestContext& ctx) {
  const auto id = path_id(ctx.params.get("id"));
  if (!id) return error_response(core::Error::not_found("No such user."));
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto update = decode_access_update(*body);
  if (!update) return error_response(update.error());
  const auto user = ctx.services.staff.update_access(ctx.actor, *id, *update);
  if (!user) return error_response(user.error());
  return json_response(200, {{"user", staff_user_json(*user)}});
}

Response create_group(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto request = decode_group(*body);
  if (!request) return error_response(request.error());
  const auto group = ctx.services.staff.create_group(ctx.actor, *request);
  if (!group) return error_response(group.error());
  return json_response(201, {{"group", group_json(*group)}});
}

Response update_group(RequestContext& ctx) {
  const auto id = path_id(ctx.params.get("id"));
  if (!id) return error_response(core::Error::not_found("No such group."));
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto request = decode_group(*body);
  if (!request) return error_response(request.error());
  const auto group = ctx.services.staff.update_group(ctx.actor, *id, *request);
  if (!group) return error_response(group.error());
  return json_response(200, {{"group", group_json(*group)}});
}

}  // namespace gongdan::http
