#include "http/handlers/admin_mail_handlers.hpp"

#include <charconv>

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/json/encode.hpp"
#include "http/json/mail_codec.hpp"

namespace gongdan::http {
Response list_outbox(RequestContext& ctx) {
  domain::OutboxRequest request;
  if (auto state = ctx.query.get("state")) request.state = std::string(*state);
  request.recipient = std::string(ctx.query.get("recipient").value_or(""));
  request.cursor = std::string(ctx.query.get("cursor").value_or(""));
  if (auto limit = ctx.query.get("limit")) {
    const auto parsed = path_id(*limit);
    if (!parsed) return error_response(core::Error::field("limit", "invalid", "Between 1 and 200."));
    request.limit = *parsed;
  }
  const auto page = ctx.services.mail_admin.outbox(ctx.actor, request);
  if (!page) return error_response(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& entry : page->items) items.push_back(outbox_entry_json(entry));
  return json_response(200,
                       {{"items", std::move(items)},
                        {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor) : nlohmann::json()}});
}

Response retry_outbox_mail(RequestContext& ctx) {
  const auto id = path_id(ctx.params.get("id"));
  if (!id) return error_response(core::Error::not_found("No such mail."));
  const auto entry = ctx.services.mail_admin.retry(ctx.actor, *id);
  if (!entry) return error_response(entry.error());
  return json_response(200, outbox_entry_json(*entry));
}

Response get_mail_settings(RequestContext& ctx) {
  const auto settings = ctx.services.mail_admin.settings(ctx.actor);
  if (!settings) return error_response(settings.error());
  return json_response(200, mail_settings_json(*settings));
}

Response put_mail_settings(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto update = decode_mail_settings(*body);
  if (!update) return error_response(update.error());
  const auto saved = ctx.services.mail_admin.save_settings(ctx.actor, *update);
  if (!saved) return error_response(saved.error());
  return json_response(200, mail_settings_json(*saved));
}

Response send_test_mail(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto to = decode_email(*body, "to");
  if (!to) return error_response(to.error());
  const auto result = ctx.services.mail_admin.send_test(ctx.actor, *to);
  if (!result) return error_response(result.error());
  return json_response(200, {{"accepted", result->accepted}, {"answer", result->answer}});
}

Response list_mail_templates(RequestContext& ctx) {
  const auto templates = ctx.services.mail_admin.templates(ctx.actor);
  if (!templates) return error_response(templates.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : *templates) items.push_back(mail_template_json(t));
  return json_response(200, {{"items", std::move(items)}});
}

Response put_mail_template(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto texts = decode_template_texts(*body);
  if (!texts) return error_response(texts.error());
  const auto saved =
      ctx.services.mail_admin.save_template(ctx.actor, ctx.params.get("kind"), ctx.params.get("locale"), *texts);
  if (!saved) return error_response(saved.error());
  return json_response(200, mail_template_json(*saved));
}

Response reset_mail_template(RequestContext& ctx) {
  const auto reset =
      ctx.services.mail_admin.reset_template(ctx.actor, ctx.params.get("kind"), ctx.params.get("locale"));
  if (!reset) return error_response(reset.error());
  return no_content();
}

Response preview_mail_template(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto texts = decode_template_texts(*body);
  if (!texts) return error_response(texts.error());
  const auto rendered =
      ctx.services.mail_admin.preview(ctx.actor, ctx.params.get("kind"), ctx.params.get("locale"), *texts);
  if (!rendered) return error_response(rendered.error());
  return json_response(200, {{"subject", rendered->subject}, {"text", rendered->text}, {"html", rendered->html}});
}

}  // namespace gongdan::http
