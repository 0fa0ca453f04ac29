#include "http/handlers/body.hpp"

#include <charconv>

#include <string>

#include "core/utf8.hpp"
#include "http/error_mapping.hpp"
#include "http/json/json_body.hpp"
#include "http/multipart/multipart.hpp"
#include "http/server/limits.hpp"

namespace gongdan::http {
namespace {

std::string_view media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return type;
}

Response unsupported(std::string_view expected) {
  return problem_response(415, "unsupported_media_type", "The body must be " + std::string(expected) + ".");
}

}  // namespace

bool is_json_content_type(std::string_view content_type) {
  const std::string_view type = media_type(content_type);
  if (iequals(type, "application/json")) return true;
  const auto slash = type.find('/');
  return slash != std::string_view::npos && type.size() > 5 && iequals(type.substr(type.size() - 5), "+json");
}

Expected<nlohmann::json> json_body(const RequestContext& ctx) {
  if (!is_json_content_type(ctx.request.header("content-type"))) return unsupported("application/json");
  auto parsed = parse_json_object(ctx.request.body);
  if (!parsed) return error_response(parsed.error());
  return std::move(parsed).value();
}

Expected<FormBody> form_body(const RequestContext& ctx, std::string_view json_part) {
  const std::string_view content_type = ctx.request.header("content-type");
  if (is_json_content_type(content_type)) {
    auto parsed = parse_json_object(ctx.request.body);
    if (!parsed) return error_response(parsed.error());
    return FormBody{std::move(parsed).value(), {}};
  }
  if (!is_multipart_form_data(content_type)) return unsupported("application/json or multipart/form-data");

  auto parts = parse_multipart(ctx.request.body, content_type);
  if (!parts) return error_response(parts.error());
  FormBody form;
  bool has_json = false;
  std::vector<core::FieldError> errors;
  for (const MultipartPart& part : *parts) {
    if (part.name == json_part && !has_json) {
      // The upload limit admits ~101 MiB; the JSON part keeps the 1 MiB of a JSON body, or one
      // request could make the parser build a DOM of gigabytes (memory exhaustion).
      if (part.body.size() > kMaxJsonBodyBytes) {
        return problem_response(413, "payload_too_large",
                                "The " + std::string(json_part) + " part is larger than 1 MiB.");
      }
      auto parsed = parse_json_object(part.body);
      if (!parsed) return error_response(parsed.error());
      form.json = std::move(parsed).value();
      has_json = true;
    } else if (part.name == "files") {
      std::string filename = part.filename.value_or("");
      if (!core::is_valid_utf8(filename)) {
        errors.push_back(
            {"files[" + std::to_string(form.files.size()) + "]", "invalid_utf8", "The file name is not valid UTF-8."});
      }
      form.files.push_back({std::move(filename), std::string(part.body)});
    }
  }
  if (!has_json) errors.push_back({std::string(json_part), "required", "The part is missing."});
  if (!errors.empty()) return error_response(core::Error::validation(std::move(errors)));
  return form;
}

std::optional<std::int64_t> path_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace gongdan::http
