#include "http/json/json_body.hpp"

#include "core/utf8.hpp"
#include "http/json/json_scan.hpp"

namespace gongdan::http {
namespace {

core::Error invalid_json(std::string message) { return core::Error::invalid("invalid_json", std::move(message)); }

}  // namespace

core::Result<nlohmann::json> parse_json_object(std::string_view text) {
  const JsonScan scan = scan_json(text, kMaxJsonDepth);
  if (scan.too_deep) return invalid_json("The JSON is nested too deeply.");
  if (!scan.invalid_utf8_fields.empty()) {
    std::vector<core::FieldError> fields;
    for (const std::string& field : scan.invalid_utf8_fields) {
      fields.push_back({field, "invalid_utf8", "The text is not valid UTF-8."});
    }
    return core::Error::validation(std::move(fields));
  }
  if (!core::is_valid_utf8(text)) return invalid_json("The body is not valid UTF-8 JSON.");
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return invalid_json("The body is not valid JSON.");
  if (!parsed.is_object()) return invalid_json("The body must be a JSON object.");
  return parsed;
}

}  // namespace gongdan::http
