#include "domain/fields/field_definition.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

constexpr std::array<std::pair<FieldType, std::string_view>, 5> kTypeNames{{
    {FieldType::kText, "text"},
    {FieldType::kNumber, "number"},
    {FieldType::kDropdown, "dropdown"},
    {FieldType::kCheckbox, "checkbox"},
    {FieldType::kDate, "date"},
}};

}  // namespace

std::string_view to_string(FieldType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "text";
}

std::optional<FieldType> parse_field_type(std::string_view text) {
  for (const auto& [t, name] : kTypeNames) {
    if (name == text) return t;
  }
  return std::nullopt;
}

const FieldOption* FieldDefinition::option(std::string_view value) const {
  const auto it = std::find_if(options.begin(), options.end(), [&](const FieldOption& o) { return o.value == value; });
  return it == options.end() ? nullptr : &*it;
}

bool is_field_key(std::string_view key) {
  if (key.empty() || key.size() > FieldLimits::kMaxKeyChars) return false;
  if (key.front() < 'a' || key.front() > 'z') return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::vector<core::FieldError> check_definition(const FieldDefinition& definition,
                                               const std::vector<FieldDefinition>& siblings) {
  std::vector<core::FieldError> errors;
  const auto add = [&errors](std::optional<core::FieldError> e) {
    if (e) errors.push_back(std::move(*e));
  };
  if (definition.key.empty()) {
    errors.push_back({"key", "required", "Required."});
  } else if (!is_field_key(definition.key)) {
    errors.push_back({"key", "invalid", "1 to 40 of a-z, 0-9 and _, starting with a letter."});
  } else if (std::any_of(siblings.begin(), siblings.end(), [&](const FieldDefinition& other) {
               return other.id != definition.id && other.key == definition.key;
             })) {
    errors.push_back({"key", "taken", "Another field of this category has this key."});
  }
  add(check_text("label_zh", definition.label_zh, FieldLimits::kMaxLabelChars));
  add(check_text("label_en", definition.label_en, FieldLimits::kMaxLabelChars));
  if (definition.position < 0 || definition.position > FieldLimits::kMaxPosition) {
    errors.push_back({"position", "invalid", "Between 0 and 100000."});
  }
  if (definition.type != FieldType::kDropdown) {
    if (!definition.options.empty()) errors.push_back({"options", "invalid", "Only dropdown fields have options."});
    return errors;
  }
  if (definition.options.empty()) {
    errors.push_back({"options", "required", "A dropdown needs at least one option."});
  } else if (definition.options.size() > FieldLimits::kMaxOptions) {
    errors.push_back({"options", "too_many", "At most 50 options."});
    return errors;
  }
  std::set<std::string> values;
  for (std::size_t i = 0; i < definition.options.size(); ++i) {
    const FieldOption& option = definition.options[i];
    const std::string path = "options[" + std::to_string(i) + "]";
    if (option.value.empty()) {
      errors.push_back({path + ".value", "required", "Required."});
    } else if (!is_field_key(option.value)) {
      errors.push_back({path + ".value", "invalid", "1 to 40 of a-z, 0-9 and _, starting with a letter."});
    } else if (!values.insert(option.value).second) {
      errors.push_back({path + ".value", "taken", "Another option has this value."});
    }
    add(check_text(path + ".label_zh", option.label_zh, FieldLimits::kMaxLabelChars));
    add(check_text(path + ".label_en", option.label_en, FieldLimits::kMaxLabelChars));
  }
  return errors;
}

}  // namespace gongdan::domain
