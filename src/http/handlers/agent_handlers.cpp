#include "http/handlers/agent_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/handlers/list_request.hpp"
#include "http/handlers/presenter.hpp"
#include "http/json/decode.hpp"
#include "http/json/encode.hpp"
#include "http/json/workspace_codec.hpp"

namespace gongdan::http {

Response list_queue(RequestContext& ctx) {
  const auto request = list_request(ctx.query);
  if (!request) return error_response(request.error());
  const auto page = ctx.services.tickets.queue(ctx.actor, *request);
  if (!page) return error_response(page.error());
  return json_text_response(200, TicketPresenter(ctx, TicketPresenter::Audience::kStaff).page_text(*page));
}

Response agent_get_ticket(RequestContext& ctx) {
  const auto view = ctx.services.tickets.agent_view(ctx.actor, ctx.params.get("number"));
  if (!view) return error_response(view.error());
  return json_response(200, TicketPresenter(ctx, TicketPresenter::Audience::kStaff).view(*view));
}

Response agent_update_ticket(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto update = decode_ticket_update(*body);
  if (!update) return error_response(update.error());
  const auto ticket = ctx.services.tickets.agent_update(ctx.actor, ctx.params.get("number"), *update);
  if (!ticket) return error_response(ticket.error());
  return json_response(200, {{"ticket", TicketPresenter(ctx, TicketPresenter::Audience::kStaff).ticket(*ticket)}});
}

Response agent_add_message(RequestContext& ctx) {
  auto form = form_body(ctx, "message");
  if (!form) return form.take_refusal();
  auto message = decode_message(form->json, /*read_internal=*/true);
  if (!message) return error_response(message.error());
  message->files = std::move(form->files);
  const auto changed = ctx.services.tickets.agent_reply(ctx.actor, ctx.params.get("number"), *message);
  if (!changed) return error_response(changed.error());
  nlohmann::json body{{"ticket", TicketPresenter(ctx, TicketPresenter::Audience::kStaff).ticket(changed->ticket)}};
  body["message"] = changed->message ? message_json(*changed->message) : nlohmann::json(nullptr);
  return json_response(201, body);
}

Response merge_ticket(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto into = decode_merge(*body);
  if (!into) return error_response(into.error());
  const auto merged = ctx.services.tickets.merge(ctx.actor, ctx.params.get("number"), *into);
  if (!merged) return error_response(merged.error());
  return json_response(200,
                       {{"ticket", TicketPresenter(ctx, TicketPresenter::Audience::kStaff).ticket(merged->ticket)}});
}

Response list_views(RequestContext& ctx) {
  const auto views = ctx.services.tickets.views(ctx.actor);
  if (!views) return error_response(views.error());
  return json_response(200, views_json(*views));
}

Response bulk_update_tickets(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto bulk = decode_bulk_update(*body);
  if (!bulk) return error_response(bulk.error());
  const auto outcomes = ctx.services.tickets.bulk_update(ctx.actor, bulk->numbers, bulk->update);
  if (!outcomes) return error_response(outcomes.error());
  return json_response(200, bulk_json(*outcomes));
}

Response get_staff_directory(RequestContext& ctx) {
  const auto directory = ctx.services.staff.directory(ctx.actor);
  if (!directory) return error_response(directory.error());
  return json_response(200, directory_json(*directory));
}

}  // namespace gongdan::http
