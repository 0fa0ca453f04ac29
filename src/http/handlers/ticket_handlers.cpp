#include "http/handlers/ticket_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/handlers/list_request.hpp"
#include "http/handlers/presenter.hpp"
#include "http/json/decode.hpp"
#include "http/json/encode.hpp"
#include "http/server.hpp"

namespace gongdan::http {

Response submit_ticket(RequestContext& ctx) {
  auto form = form_body(ctx, "ticket");
  if (!form) return form.take_refusal();
  auto submission = decode_ticket_submission(form->json);
  if (!submission) return error_response(submission.error());
  submission->files = std::move(form->files);
  submission->locale = ctx.locale;  // a guest's mails speak the language of the page they used
  if (ctx.request.has_header("idempotency-key")) {
    submission->idempotency_key = std::string(ctx.request.header("idempotency-key"));
  }
  const auto ticket = ctx.services.tickets.submit(ctx.actor, *submission);
  if (!ticket) return error_response(ticket.error());
  Response response = json_response(201, {{"ticket", TicketPresenter(ctx).ticket(*ticket)}});
  response.set("Location", "/api/v1/tickets/" + ticket->number.str());
  return response;
}

Response list_my_tickets(RequestContext& ctx) {
  const auto request = list_request(ctx.query);
  if (!request) return error_response(request.error());
  const auto page = ctx.services.tickets.my_tickets(ctx.actor, *request);
  if (!page) return error_response(page.error());
  return json_text_response(200, TicketPresenter(ctx).page_text(*page));
}

Response similar_tickets(RequestContext& ctx) {
  const auto tickets = ctx.services.tickets.similar_open_tickets(ctx.actor, ctx.query.get("subject").value_or(""));
  if (!tickets) return error_response(tickets.error());
  nlohmann::json items = nlohmann::json::array();
  for (const domain::Ticket& t : *tickets) items.push_back(ticket_summary_json(t));
  return json_response(200, {{"items", std::move(items)}});
}

Response lookup_ticket(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto query = decode_lookup(*body);
  if (!query) return error_response(query.error());
  const auto result = ctx.services.tickets.lookup(query->number, query->email);
  if (!result) return error_response(result.error());
  // When a reply can be expected (docs/sla.md "reply_by"); the lookup proved the address.
  const auto reply_by =
      ctx.services.sla && result->ticket ? ctx.services.sla->customer_reply_by(*result->ticket) : std::nullopt;
  return json_text_response(200, lookup_text(*result, reply_by));
}

Response get_ticket(RequestContext& ctx) {
  const auto view = ctx.services.tickets.view(ctx.actor, ctx.params.get("number"));
  if (!view) return error_response(view.error());
  return json_response(200, TicketPresenter(ctx).view(*view));
}

Response add_message(RequestContext& ctx) {
  auto form = form_body(ctx, "message");
  if (!form) return form.take_refusal();
  auto message = decode_message(form->json, /*read_internal=*/false);
  if (!message) return error_response(message.error());
  message->files = std::move(form->files);
  const auto changed = ctx.services.tickets.comment(ctx.actor, ctx.params.get("number"), *message);
  if (!changed) return error_response(changed.error());
  nlohmann::json body{{"ticket", TicketPresenter(ctx).ticket(changed->ticket)}};
  body["message"] = changed->message ? message_json(*changed->message) : nlohmann::json(nullptr);
  return json_response(201, body);
}

Response close_ticket(RequestContext& ctx) {
  const auto ticket = ctx.services.tickets.close(ctx.actor, ctx.params.get("number"));
  if (!ticket) return error_response(ticket.error());
  return json_response(200, {{"ticket", TicketPresenter(ctx).ticket(*ticket)}});
}

Response reopen_ticket(RequestContext& ctx) {
  const auto ticket = ctx.services.tickets.reopen(ctx.actor, ctx.params.get("number"));
  if (!ticket) return error_response(ticket.error());
  return json_response(200, {{"ticket", TicketPresenter(ctx).ticket(*ticket)}});
}

}  // namespace gongdan::http
