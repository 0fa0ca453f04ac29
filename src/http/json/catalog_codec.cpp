#include "http/json/catalog_codec.hpp"

#include <charconv>

#include "http/json/field_reader.hpp"

namespace gongdan::http {
namespace {

// Errors of type (decoder) come first; the use case checks presence, lengths and meaning.
template <typename T, typename Read>
core::Result<T> decode_typed(const nlohmann::json& body, Read read) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  T value = read(reader, errors);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return value;
}

// A stored number as JSON: an integer when it has no fraction, else a double.
nlohmann::json number_json(const std::string& text) {
  if (text.find('.') == std::string::npos) {
    std::int64_t whole = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
    if (ec == std::errc{} && end == text.data() + text.size()) return whole;
  }
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec == std::errc{} && end == text.data() + text.size()) return number;
  return text;  // never expected: the domain wrote it
}

// A stored answer as a person reads it in `locale`.
std::string display_text(const domain::FieldDefinition& field, const std::string& value, domain::Locale locale) {
  if (field.type == domain::FieldType::kCheckbox) {
    const bool ticked = value == "true";
    return locale == domain::Locale::kEn ? (ticked ? "Yes" : "No") : (ticked ? "是" : "否");
  }
  // An option removed since keeps its stored value readable.
  if (field.type == domain::FieldType::kDropdown) {
    if (const auto* option = field.option(value)) return option->label(locale);
  }
  return value;
}

}  // namespace

domain::FieldInputs field_inputs(const nlohmann::json& fields) {
  domain::FieldInputs inputs;
  for (const auto& [key, value] : fields.items()) {
    domain::FieldInput input;
    if (value.is_null()) {
      input = domain::FieldInput::null();
    } else if (value.is_boolean()) {
      input = domain::FieldInput::of(value.get<bool>());
    } else if (value.is_number()) {
      input = domain::FieldInput::number(value.dump());
    } else if (value.is_string()) {
      input = domain::FieldInput::of(value.get<std::string>());
    } else {
      input.kind = domain::FieldInput::Kind::kOther;
    }
    inputs.emplace_back(key, std::move(input));
  }
  return inputs;
}

core::Result<domain::CategoryDraft> decode_category_draft(const nlohmann::json& body) {
  return decode_typed<domain::CategoryDraft>(body, [](FieldReader& r, std::vector<core::FieldError>&) {
    domain::CategoryDraft d;
    d.name_zh = r.string("name_zh").value_or("");
    d.name_en = r.string("name_en").value_or("");
    d.position = r.integer("position");
    d.active = r.boolean("active");
    return d;
  });
}

core::Result<domain::FieldDraft> decode_field_draft(const nlohmann::json& body) {
  return decode_typed<domain::FieldDraft>(body, [&body](FieldReader& r, std::vector<core::FieldError>& errors) {
    domain::FieldDraft d;
    d.key = r.string("key");
    d.type = r.string("type");
    d.label_zh = r.string("label_zh").value_or("");
    d.label_en = r.string("label_en").value_or("");
    d.required = r.boolean("required").value_or(false);
    d.position = r.integer("position");
    d.active = r.boolean("active");
    const auto options = body.find("options");
    if (options == body.end() || options->is_null()) return d;
    if (!options->is_array()) {
      errors.push_back({"options", "invalid_type", "Expected a list."});
      return d;
    }
    for (std::size_t i = 0; i < options->size(); ++i) {
      const auto& item = (*options)[i];
      const std::string path = "options[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        errors.push_back({path, "invalid_type", "Expected an object."});
        continue;
      }
      FieldReader option(item, path, errors);
      d.options.push_back({option.string("value").value_or(""), option.string("label_zh").value_or(""),
                           option.string("label_en").value_or("")});
    }
    return d;
  });
}

nlohmann::json admin_category_json(const domain::Category& category) {
  return {{"id", category.id.value},
          {"name_zh", category.name_zh},
          {"name_en", category.name_en},
          {"position", category.position},
          {"active", category.active}};
}

nlohmann::json admin_field_json(const domain::FieldDefinition& field) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& o : field.options) {
    options.push_back({{"value", o.value}, {"label_zh", o.label_zh}, {"label_en", o.label_en}});
  }
  return {{"id", field.id.value},       {"category_id", field.category_id.value},
          {"key", field.key},           {"label_zh", field.label_zh},
          {"label_en", field.label_en}, {"type", domain::to_string(field.type)},
          {"required", field.required}, {"options", std::move(options)},
          {"position", field.position}, {"active", field.active}};
}

nlohmann::json form_field_json(const domain::FieldDefinition& field, domain::Locale locale) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& o : field.options) options.push_back({{"value", o.value}, {"label", o.label(locale)}});
  return {{"key", field.key},
          {"label", field.label(locale)},
          {"type", domain::to_string(field.type)},
          {"required", field.required},
          {"options", std::move(options)}};
}

nlohmann::json ticket_field_json(const domain::TicketFieldValue& answer, domain::Locale locale) {
  const auto& field = answer.definition;
  nlohmann::json value = answer.value;
  if (field.type == domain::FieldType::kNumber) value = number_json(answer.value);
  if (field.type == domain::FieldType::kCheckbox) value = answer.value == "true";
  return {{"key", field.key},
          {"label", field.label(locale)},
          {"type", domain::to_string(field.type)},
          {"value", std::move(value)},
          {"display", display_text(field, answer.value, locale)}};
}

void describe_field_change(nlohmann::json& event, const domain::TicketEvent& change,
                           const std::vector<domain::FieldDefinition>& definitions, domain::Locale locale) {
  event["field"] = change.field;
  event["field_label"] = change.field;
  event["from_display"] = change.from;
  event["to_display"] = change.to;
  for (const auto& field : definitions) {
    if (field.key != change.field) continue;
    event["field_label"] = field.label(locale);
    if (!change.from.empty()) event["from_display"] = display_text(field, change.from, locale);
    if (!change.to.empty()) event["to_display"] = display_text(field, change.to, locale);
  }
}

}  // namespace gongdan::http
