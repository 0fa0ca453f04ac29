#include "http/handlers/public_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/json/catalog_codec.hpp"
#include "http/json/encode.hpp"
#include "http/markdown/markdown.hpp"

namespace gongdan::http {

Response health(RequestContext&) {
  Response response = text_response(200, "ok");
  response.set("Cache-Control", "no-store");
  return response;
}

Response get_config(RequestContext& ctx) {
  const domain::TicketSettings& settings = ctx.services.tickets.settings();
  return json_response(200, {{"support_email", ctx.options.support_email},
                             {"support_hours", ctx.options.support_hours},
                             {"max_attachments", settings.max_files},
                             {"max_attachment_bytes", settings.max_file_bytes},
                             {"reopen_days", settings.reopen_window.count() / 24},
                             {"locales", nlohmann::json::array({"zh-CN", "en"})}});
}

Response list_categories(RequestContext& ctx) {
  nlohmann::json items = nlohmann::json::array();
  // Each category with the custom fields its form asks (read once for all categories).
  const auto fields = ctx.services.catalog.active_fields();
  for (const domain::Category& c : ctx.services.catalog.categories()) {
    nlohmann::json item = category_json(c, ctx.locale);
    item["fields"] = nlohmann::json::array();
    for (const auto& f : fields) {
      if (f.category_id == c.id) item["fields"].push_back(form_field_json(f, ctx.locale));
    }
    items.push_back(std::move(item));
  }
  return json_response(200, {{"items", std::move(items)}});
}

Response list_articles(RequestContext& ctx) {
  domain::Locale locale = ctx.locale;
  if (const auto requested = ctx.query.get("locale")) {
    const auto parsed = domain::parse_locale(*requested);
    if (!parsed) return error_response(core::Error::field("locale", "invalid", "Use zh-CN or en."));
    locale = *parsed;
  }
  nlohmann::json items = nlohmann::json::array();
  for (const domain::Article& a : ctx.services.catalog.articles(locale)) {
    items.push_back(article_json(a, render_markdown(a.body_markdown)));
  }
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace gongdan::http
