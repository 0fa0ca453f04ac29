#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// What kind of input a custom field asks for; the wire names are text, number, dropdown,
/// checkbox and date.
enum class FieldType { kText, kNumber, kDropdown, kCheckbox, kDate };

std::string_view to_string(FieldType type);
std::optional<FieldType> parse_field_type(std::string_view text);

/// One choice of a dropdown: `value` is what is stored and sent, the labels are what people read.
struct FieldOption {
  std::string value;
  std::string label_zh;
  std::string label_en;

  const std::string& label(Locale locale) const { return locale == Locale::kEn ? label_en : label_zh; }
  bool operator==(const FieldOption&) const = default;
};

/// A question a category adds to its submission form. `key` is the field's stable wire name:
/// it and the type never change once the field exists, so stored values keep their meaning.
struct FieldDefinition {
  core::FieldId id;
  core::CategoryId category_id;
  std::string key;
  std::string label_zh;
  std::string label_en;
  FieldType type = FieldType::kText;
  bool required = false;
  std::vector<FieldOption> options;  // dropdown only
  int position = 0;
  bool active = true;  // inactive: not asked for any more, old tickets still show their values

  const std::string& label(Locale locale) const { return locale == Locale::kEn ? label_en : label_zh; }
  /// The dropdown option with this value, or nullptr.
  const FieldOption* option(std::string_view value) const;
};

/// The limits of custom fields; each names the abuse or mistake it stops.
struct FieldLimits {
  static constexpr std::size_t kMaxKeyChars = 40;           // a wire name, not a sentence
  static constexpr std::size_t kMaxLabelChars = 100;        // a form label must fit on a phone
  static constexpr std::size_t kMaxOptions = 50;            // a longer dropdown is unusable on a phone
  static constexpr std::size_t kMaxFieldsPerCategory = 30;  // a form nobody finishes; also bounds every check
  static constexpr std::size_t kMaxTextValueChars = 500;    // one answer, not a second description
  static constexpr double kMaxNumberMagnitude = 1e12;       // beyond exact decimal round trips of a double
  static constexpr int kMaxPosition = 100000;               // display order only
};

/// True when `key` is a wire name: 1..40 of a-z, 0-9 and _, starting with a letter.
bool is_field_key(std::string_view key);

/// Checks a definition about to be stored: its key, labels, options and position, and that the
/// key is unused among `siblings` (the category's other definitions, active or not: an old
/// ticket's value must never be read under another field's key). Errors name body fields
/// (`key`, `label_zh`, `options[2].value`, ...).
std::vector<core::FieldError> check_definition(const FieldDefinition& definition,
                                               const std::vector<FieldDefinition>& siblings);

}  // namespace gongdan::domain
