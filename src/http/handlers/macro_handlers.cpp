#include "http/handlers/macro_handlers.hpp"

#include <charconv>

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/handlers/presenter.hpp"
#include "http/json/encode.hpp"
#include "http/json/macro_codec.hpp"

namespace gongdan::http {
namespace {

// A malformed id reads as 0, which names no macro: the use case still checks the caller first
// (a customer gets 403 whatever the id), then answers the same 404 as for an unknown id.
domain::MacroId macro_id(const RequestContext& ctx) {
  const auto text = ctx.params.get("id");
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) return domain::MacroId{0};
  return domain::MacroId{id};
}

bool editable(const RequestContext& ctx, const domain::Macro& macro) {
  return ctx.actor.user && domain::MacroService::may_manage(*ctx.actor.user, macro);
}

}  // namespace

Response list_macros(RequestContext& ctx) {
  const auto macros = ctx.services.macros.list(ctx.actor);
  if (!macros) return error_response(macros.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& macro : *macros) items.push_back(macro_json(macro, editable(ctx, macro)));
  return json_response(200, {{"items", std::move(items)}});
}

Response create_macro(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto draft = decode_macro_draft(*body);
  if (!draft) return error_response(draft.error());
  const auto macro = ctx.services.macros.create(ctx.actor, *draft);
  if (!macro) return error_response(macro.error());
  return json_response(201, macro_json(*macro, editable(ctx, *macro)));
}

Response update_macro(RequestContext& ctx) {
  const auto id = macro_id(ctx);
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto draft = decode_macro_draft(*body);
  if (!draft) return error_response(draft.error());
  const auto macro = ctx.services.macros.update(ctx.actor, id, *draft);
  if (!macro) return error_response(macro.error());
  return json_response(200, macro_json(*macro, editable(ctx, *macro)));
}

Response delete_macro(RequestContext& ctx) {
  const auto id = macro_id(ctx);
  const auto removed = ctx.services.macros.remove(ctx.actor, id);
  if (!removed) return error_response(removed.error());
  return no_content();
}

Response preview_macro(RequestContext& ctx) {
  const auto id = macro_id(ctx);
  const auto preview = ctx.services.macros.preview(ctx.actor, ctx.params.get("number"), id);
  if (!preview) return error_response(preview.error());
  return json_response(200, macro_preview_json(*preview, editable(ctx, preview->macro)));
}

Response apply_macro(RequestContext& ctx) {
  const auto id = macro_id(ctx);
  const auto changed = ctx.services.macros.apply(ctx.actor, ctx.params.get("number"), id);
  if (!changed) return error_response(changed.error());
  nlohmann::json body{{"ticket", TicketPresenter(ctx, TicketPresenter::Audience::kStaff).ticket(changed->ticket)}};
  body["message"] = changed->message ? message_json(*changed->message) : nlohmann::json(nullptr);
  return json_response(201, body);
}

}  // namespace gongdan::http
