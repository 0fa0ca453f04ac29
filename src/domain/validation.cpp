#include "domain/validation.hpp"

#include <string>

#include "core/utf8.hpp"

namespace gongdan::domain {

std::optional<core::FieldError> check_text(std::string_view field, std::string_view value, std::size_t max_chars,
                                           Presence presence, bool multiline) {
  const std::string name(field);
  if (!core::is_valid_utf8(value)) return core::FieldError{name, "invalid_utf8", "Must be valid UTF-8."};
  if (presence == Presence::kRequired && core::trim(value).empty()) {
    return core::FieldError{name, "required", "Required."};
  }
  if (core::utf8_length(value) > max_chars) {
    return core::FieldError{name, "too_long", "At most " + std::to_string(max_chars) + " characters."};
  }
  if (core::has_control_characters(value) || (!multiline && value.find_first_of("\r\n") != std::string_view::npos)) {
    return core::FieldError{name, "invalid", "Contains control characters."};
  }
  return std::nullopt;
}

}  // namespace gongdan::domain
