#include "http/handlers/admin_catalog_handlers.hpp"

#include <charconv>

#include "domain/catalog/catalog_admin_service.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/json/catalog_codec.hpp"
#include "http/json/encode.hpp"

namespace gongdan::http {
namespace {

std::optional<std::int64_t> path_id(const RequestContext& ctx, std::string_view name) {
  const std::string_view text = ctx.params.get(name);
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The use cases hold nothing but the catalog store, so one is made per request.
domain::CatalogAdminService admin(RequestContext& ctx) { return domain::CatalogAdminService(ctx.services.catalog); }

Response category_not_found() { return error_response(core::Error::not_found("No such category.")); }
Response field_not_found() { return error_response(core::Error::not_found("No such field in this category.")); }

}  // namespace

Response admin_list_categories(RequestContext& ctx) {
  const auto categories = admin(ctx).categories(ctx.actor);
  if (!categories) return error_response(categories.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *categories) items.push_back(admin_category_json(c));
  return json_response(200, {{"items", std::move(items)}});
}

Response admin_create_category(RequestContext& ctx) {
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto draft = decode_category_draft(*body);
  if (!draft) return error_response(draft.error());
  const auto created = admin(ctx).create_category(ctx.actor, *draft);
  if (!created) return error_response(created.error());
  return json_response(201, admin_category_json(*created));
}

Response admin_update_category(RequestContext& ctx) {
  const auto id = path_id(ctx, "id");
  if (!id) return category_not_found();
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto draft = decode_category_draft(*body);
  if (!draft) return error_response(draft.error());
  const auto saved = admin(ctx).update_category(ctx.actor, core::CategoryId{*id}, *draft);
  if (!saved) return error_response(saved.error());
  return json_response(200, admin_category_json(*saved));
}

Response admin_list_fields(RequestContext& ctx) {
  const auto id = path_id(ctx, "id");
  if (!id) return category_not_found();
  const auto fields = admin(ctx).fields(ctx.actor, core::CategoryId{*id});
  if (!fields) return error_response(fields.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : *fields) items.push_back(admin_field_json(f));
  return json_response(200, {{"items", std::move(items)}});
}

Response admin_create_field(RequestContext& ctx) {
  const auto id = path_id(ctx, "id");
  if (!id) return category_not_found();
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto draft = decode_field_draft(*body);
  if (!draft) return error_response(draft.error());
  const auto created = admin(ctx).create_field(ctx.actor, core::CategoryId{*id}, *draft);
  if (!created) return error_response(created.error());
  return json_response(201, admin_field_json(*created));
}

Response admin_update_field(RequestContext& ctx) {
  const auto id = path_id(ctx, "id");
  const auto field_id = path_id(ctx, "field_id");
  if (!id) return category_not_found();
  if (!field_id) return field_not_found();
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto draft = decode_field_draft(*body);
  if (!draft) return error_response(draft.error());
  const auto saved = admin(ctx).update_field(ctx.actor, core::CategoryId{*id}, core::FieldId{*field_id}, *draft);
  if (!saved) return error_response(saved.error());
  return json_response(200, admin_field_json(*saved));
}

Response admin_delete_field(RequestContext& ctx) {
  const auto id = path_id(ctx, "id");
  const auto field_id = path_id(ctx, "field_id");
  if (!id) return category_not_found();
  if (!field_id) return field_not_found();
  auto service = admin(ctx);
  const auto removed = service.remove_field(ctx.actor, core::CategoryId{*id}, core::FieldId{*field_id});
  if (!removed) return error_response(removed.error());
  if (*removed == domain::CatalogRepository::FieldRemoval::kDeleted) return no_content();
  // Deactivated, because tickets hold answers to it: show what it is now.
  const auto fields = service.fields(ctx.actor, core::CategoryId{*id});
  if (fields) {
    for (const auto& f : *fields) {
      if (f.id.value == *field_id) return json_response(200, admin_field_json(f));
    }
  }
  return field_not_found();
}

}  // namespace gongdan::http
