#include "http/handlers/sla_handlers.hpp"

#include "http/error_mapping.hpp"
#include "http/handlers/body.hpp"
#include "http/json/encode.hpp"
#include "http/json/sla_codec.hpp"
#include "http/server.hpp"

namespace gongdan::http {
namespace {

namespace sla = domain::sla;

core::Result<sla::SlaService*> service(RequestContext& ctx) {
  if (!ctx.services.sla) return core::Error::unavailable("Service levels are not available.");
  return ctx.services.sla;
}

std::string name_param(RequestContext& ctx) { return std::string(ctx.params.get("name")); }

}  // namespace

Response list_sla_policies(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto policies = (*sla)->policies(ctx.actor);
  if (!policies) return error_response(policies.error());
  return json_response(200, sla_policies_json(*policies));
}

Response create_sla_policy(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  // Who may act is checked before the body is read: a customer learns nothing from a 422.
  if (const auto allowed = (*sla)->policies(ctx.actor); !allowed) return error_response(allowed.error());
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto input = decode_sla_policy(*body, sla::SlaPolicyInput{});
  if (!input) return error_response(input.error());
  const auto policy = (*sla)->create_policy(ctx.actor, *input);
  if (!policy) return error_response(policy.error());
  return json_response(201, {{"policy", sla_policy_json(*policy)}});
}

Response get_sla_policy(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto id = path_id(ctx.params.get("id"));
  if (!id) {
    if (const auto allowed = (*sla)->policies(ctx.actor); !allowed) return error_response(allowed.error());
    return error_response(core::Error::not_found("No such policy."));
  }
  const auto policy = (*sla)->policy(ctx.actor, *id);
  if (!policy) return error_response(policy.error());
  return json_response(200, {{"policy", sla_policy_json(*policy)}});
}

Response update_sla_policy(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto id = path_id(ctx.params.get("id"));
  const auto current = (*sla)->policy(ctx.actor, id.value_or(0));
  if (!current) return error_response(current.error());
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto input = decode_sla_policy(*body, sla::to_input(*current));
  if (!input) return error_response(input.error());
  const auto policy = (*sla)->update_policy(ctx.actor, current->id, *input);
  if (!policy) return error_response(policy.error());
  return json_response(200, {{"policy", sla_policy_json(*policy)}});
}

Response delete_sla_policy(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto id = path_id(ctx.params.get("id"));
  const auto removed = (*sla)->delete_policy(ctx.actor, id.value_or(0));
  if (!removed) return error_response(removed.error());
  return no_content();
}

Response reorder_sla_policies(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  if (const auto allowed = (*sla)->policies(ctx.actor); !allowed) return error_response(allowed.error());
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  const auto ids = decode_sla_policy_order(*body);
  if (!ids) return error_response(ids.error());
  const auto policies = (*sla)->reorder_policies(ctx.actor, *ids);
  if (!policies) return error_response(policies.error());
  return json_response(200, sla_policies_json(*policies));
}

Response list_sla_calendars(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto calendars = (*sla)->calendars(ctx.actor);
  if (!calendars) return error_response(calendars.error());
  return json_response(200, sla_calendars_json(*calendars));
}

Response get_sla_calendar(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto calendar = (*sla)->calendar(ctx.actor, name_param(ctx));
  if (!calendar) return error_response(calendar.error());
  return json_response(200, {{"calendar", sla_calendar_json(*calendar)}});
}

Response put_sla_calendar(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  if (const auto allowed = (*sla)->policies(ctx.actor); !allowed) return error_response(allowed.error());
  auto body = json_body(ctx);
  if (!body) return body.take_refusal();
  auto definition = decode_sla_calendar(*body);
  if (!definition) return error_response(definition.error());
  const auto calendar = (*sla)->put_calendar(ctx.actor, name_param(ctx), std::move(*definition));
  if (!calendar) return error_response(calendar.error());
  return json_response(200, {{"calendar", sla_calendar_json(*calendar)}});
}

Response delete_sla_calendar(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto removed = (*sla)->delete_calendar(ctx.actor, name_param(ctx));
  if (!removed) return error_response(removed.error());
  return no_content();
}

Response import_sla_calendar(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  if (const auto allowed = (*sla)->policies(ctx.actor); !allowed) return error_response(allowed.error());
  const auto type = ctx.request.header("content-type");
  std::optional<sla::CalendarFormat> format;
  if (istarts_with(type, "text/calendar")) format = sla::CalendarFormat::kIcs;
  if (istarts_with(type, "text/csv")) format = sla::CalendarFormat::kCsv;
  if (!format) {
    return problem_response(415, "unsupported_media_type", "Send the file as text/calendar (.ics) or text/csv (.csv).");
  }
  const auto report = (*sla)->import_days(ctx.actor, name_param(ctx), ctx.request.body, *format);
  if (!report) return error_response(report.error());
  return json_response(200, calendar_import_json(*report));
}

Response export_sla_calendar(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  if (const auto allowed = (*sla)->policies(ctx.actor); !allowed) return error_response(allowed.error());
  const auto format_text = ctx.query.get("format").value_or("ics");
  std::optional<sla::CalendarFormat> format;
  if (format_text == "ics") format = sla::CalendarFormat::kIcs;
  if (format_text == "csv") format = sla::CalendarFormat::kCsv;
  if (!format) return error_response(core::Error::field("format", "invalid", "The format is ics or csv."));
  const auto name = name_param(ctx);
  auto text = (*sla)->export_days(ctx.actor, name, *format);
  if (!text) return error_response(text.error());
  const bool ics = *format == sla::CalendarFormat::kIcs;
  auto response =
      text_response(200, std::move(*text), ics ? "text/calendar; charset=utf-8" : "text/csv; charset=utf-8");
  // The name is 1-64 of A-Za-z0-9._- (checked on save), safe inside the quoted filename.
  response.set("Content-Disposition", "attachment; filename=\"" + name + (ics ? ".ics\"" : ".csv\""));
  return response;
}

Response get_sla_report(RequestContext& ctx) {
  auto sla = service(ctx);
  if (!sla) return error_response(sla.error());
  const auto report = (*sla)->report(ctx.actor, ctx.query.get("from").value_or(""), ctx.query.get("to").value_or(""));
  if (!report) return error_response(report.error());
  return json_response(200, sla_report_json(*report));
}

}  // namespace gongdan::http
