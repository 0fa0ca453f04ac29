#include "http/handlers/admin_rule_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/json/encode.hpp"
#include "http/json/rule_codec.hpp"

namespace gongdan::http {

Response list_rules(RequestContext& ctx) {
  const auto rules = ctx.services.rules.list(ctx.actor);
  if (!rules) return error_response(rules.error());
  return json_response(200, rules_json(*rules));
}

Response create_rule(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto request = decode_rule(*body);
  if (!request) return error_response(request.error());
  const auto rule = ctx.services.rules.create(ctx.actor, *request);
  if (!rule) return error_response(rule.error());
  return json_response(201, {{"rule", rule_json(*rule)}});
}

Response update_rule(RequestContext& ctx) {
  const auto id = path_id(ctx.params.get("id"));
  if (!id) return error_response(core::Error::not_found("No such rule."));
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto request = decode_rule(*body);
  if (!request) return error_response(request.error());
  const auto rule = ctx.services.rules.update(ctx.actor, *id, *request);
  if (!rule) return error_response(rule.error());
  return json_response(200, {{"rule", rule_json(*rule)}});
}

Response delete_rule(RequestContext& ctx) {
  const auto id = path_id(ctx.params.get("id"));
  if (!id) return error_response(core::Error::not_found("No such rule."));
  const auto removed = ctx.services.rules.remove(ctx.actor, *id);
  if (!removed) return error_response(removed.error());
  return no_content();
}

Response reorder_rules(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto ids = decode_rule_order(*body);
  if (!ids) return error_response(ids.error());
  const auto rules = ctx.services.rules.reorder(ctx.actor, *ids);
  if (!rules) return error_response(rules.error());
  return json_response(200, rules_json(*rules));
}

}  // namespace gongdan::http
