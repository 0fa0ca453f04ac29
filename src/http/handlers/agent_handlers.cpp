#include "http/handlers/agent_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/handlers/list_request.hpp"
#include "http/handlers/presenter.hpp"
#include "http/json/decode.hpp"
#include "http/json/encode.hpp"

namespace gongdan::http {

Response list_queue(RequestContext& ctx) {
  const auto request = list_request(ctx.query);
  if (!request) return error_response(request.error());
  const auto page = ctx.services.tickets.queue(ctx.actor, *request);
  if (!page) return error_response(page.error());
  return json_response(200, TicketPresenter(ctx).page(*page));
}

Response agent_get_ticket(RequestContext& ctx) {
  const auto view = ctx.services.tickets.agent_view(ctx.actor, ctx.params.get("number"));
  if (!view) return error_response(view.error());
  return json_response(200, TicketPresenter(ctx).view(*view));
}

Response agent_update_ticket(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto update = decode_ticket_update(*body);
  if (!update) return error_response(update.error());
  const auto ticket = ctx.services.tickets.agent_update(ctx.actor, ctx.params.get("number"), *update);
  if (!ticket) return error_response(ticket.error());
  return json_response(200, {{"ticket", TicketPresenter(ctx).ticket(*ticket)}});
}

Response agent_add_message(RequestContext& ctx) {
  auto form = form_body(ctx, "message");
  if (!form) return form.take_refusal();
  auto message = decode_message(form->json, /*read_internal=*/true);
  if (!message) return error_response(message.error());
  message->files = std::move(form->files);
  const auto changed = ctx.services.tickets.agent_reply(ctx.actor, ctx.params.get("number"), *message);
  if (!changed) return error_response(changed.error());
  nlohmann::json body{{"ticket", TicketPresenter(ctx).ticket(changed->ticket)}};
  body["message"] = changed->message ? message_json(*changed->message) : nlohmann::json(nullptr);
  return json_response(201, body);
}

}  // namespace gongdan::http
