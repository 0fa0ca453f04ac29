#include "domain/fields/field_values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <system_error>
#include <variant>

#include "core/utf8.hpp"
#include "domain/sla/civil_date.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

// An input that gives no answer: absent, null or empty (blank for text).
bool is_empty(const FieldInput& input) {
  if (input.kind == FieldInput::Kind::kNull) return true;
  return input.kind == FieldInput::Kind::kString && core::trim(input.text).empty();
}

std::string path_of(std::string_view key) {
  // Only a real key is echoed back: any other text could be megabytes or not even UTF-8.
  return is_field_key(key) ? "fields." + std::string(key) : std::string("fields");
}

core::FieldError invalid(const FieldDefinition& definition, std::string message) {
  return {path_of(definition.key), "invalid", std::move(message)};
}

// A decimal number: finite and within the limit; written back as the shortest fixed-point text
// that reads as the same double, so 1.50 and 1.5 are one value.
std::variant<std::string, core::FieldError> number_value(const FieldDefinition& definition, const FieldInput& input) {
  const std::string_view text = input.kind == FieldInput::Kind::kString ? core::trim(input.text) : input.text;
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(number)) {
    return invalid(definition, "A number, e.g. 12 or 3.5.");
  }
  if (std::fabs(number) > FieldLimits::kMaxNumberMagnitude) {
    return invalid(definition, "Between -1000000000000 and 1000000000000.");
  }
  if (number == 0) number = 0;  // -0 reads as 0
  // Fixed notation, so that 1e12 reads 1000000000000; the smallest doubles need ~330 digits.
  char buffer[512];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
  return std::string(buffer, written.ptr);
}

// The stored form of one non-empty input, or why it does not fit its definition.
std::variant<std::string, core::FieldError> stored_value(const FieldDefinition& definition, const FieldInput& input) {
  using Kind = FieldInput::Kind;
  switch (definition.type) {
    case FieldType::kText: {
      if (input.kind != Kind::kString) return invalid(definition, "A text.");
      const std::string trimmed(core::trim(input.text));
      if (auto e = check_text(path_of(definition.key), trimmed, FieldLimits::kMaxTextValueChars)) return *e;
      return trimmed;
    }
    case FieldType::kNumber:
      if (input.kind != Kind::kNumber && input.kind != Kind::kString) return invalid(definition, "A number.");
      return number_value(definition, input);
    case FieldType::kDropdown:
      if (input.kind != Kind::kString || !definition.option(input.text)) {
        return invalid(definition, "One of the field's options.");
      }
      return input.text;
    case FieldType::kCheckbox:
      if (input.kind != Kind::kBoolean) return invalid(definition, "true or false.");
      return std::string(input.boolean ? "true" : "false");
    case FieldType::kDate:
      if (input.kind != Kind::kString || !sla::parse_iso_date(input.text)) {
        return invalid(definition, "A date as YYYY-MM-DD.");
      }
      return input.text;
  }
  return invalid(definition, "Unsupported field type.");
}

// A required checkbox asks for a tick ("I agree"): false is no answer.
bool answers_required(const FieldDefinition& definition, const std::string& value) {
  return definition.type != FieldType::kCheckbox || value == "true";
}

const FieldDefinition* active_definition(const std::vector<FieldDefinition>& definitions, std::string_view key) {
  const auto it = std::find_if(definitions.begin(), definitions.end(),
                               [&](const FieldDefinition& d) { return d.active && d.key == key; });
  return it == definitions.end() ? nullptr : &*it;
}

// The refusals every check shares: too many keys, keys sent twice and keys that are not an
// active field of the category.
std::vector<core::FieldError> check_keys(const std::vector<FieldDefinition>& definitions, const FieldInputs& inputs) {
  std::vector<core::FieldError> errors;
  // Bounds the work and the size of the error list a hostile body can cause.
  if (inputs.size() > FieldLimits::kMaxFieldsPerCategory) {
    errors.push_back({"fields", "too_many", "At most 30 fields."});
    return errors;
  }
  std::set<std::string_view> seen;
  for (const auto& [key, input] : inputs) {
    if (!active_definition(definitions, key)) {
      errors.push_back({path_of(key), "unknown_field", "This category has no such field."});
    } else if (!seen.insert(key).second) {
      errors.push_back({path_of(key), "invalid", "Given twice."});
    }
  }
  return errors;
}

}  // namespace

core::Result<std::vector<FieldValue>> check_submitted_fields(const std::vector<FieldDefinition>& definitions,
                                                             const FieldInputs& inputs) {
  std::vector<core::FieldError> errors = check_keys(definitions, inputs);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  std::vector<FieldValue> values;
  for (const FieldDefinition& definition : definitions) {
    if (!definition.active) continue;
    const auto it =
        std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in.first == definition.key; });
    std::optional<std::string> value;
    if (it != inputs.end() && !is_empty(it->second)) {
      auto checked = stored_value(definition, it->second);
      if (auto* error = std::get_if<core::FieldError>(&checked)) {
        errors.push_back(std::move(*error));
        continue;
      }
      value = std::get<std::string>(std::move(checked));
    }
    if (definition.required && (!value || !answers_required(definition, *value))) {
      errors.push_back({path_of(definition.key), "required", "Required."});
    } else if (value) {
      values.push_back({definition.id, definition.key, std::move(*value)});
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return values;
}

core::Result<std::vector<FieldValueChange>> check_field_changes(const std::vector<FieldDefinition>& definitions,
                                                                const FieldInputs& inputs) {
  std::vector<core::FieldError> errors = check_keys(definitions, inputs);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  std::vector<FieldValueChange> changes;
  for (const auto& [key, input] : inputs) {
    const FieldDefinition& definition = *active_definition(definitions, key);
    std::optional<std::string> value;
    if (!is_empty(input)) {
      auto checked = stored_value(definition, input);
      if (auto* error = std::get_if<core::FieldError>(&checked)) {
        errors.push_back(std::move(*error));
        continue;
      }
      value = std::get<std::string>(std::move(checked));
    }
    if (definition.required && (!value || !answers_required(definition, *value))) {
      errors.push_back({path_of(definition.key), "required", "Required."});
      continue;
    }
    changes.push_back({definition.id, definition.key, std::move(value)});
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return changes;
}

}  // namespace gongdan::domain
