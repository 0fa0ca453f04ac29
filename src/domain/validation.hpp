#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/error.hpp"

namespace gongdan::domain {

/// Whether an empty text is an error.
enum class Presence { kRequired, kOptional };

/// Checks user-written text: valid UTF-8, not blank when required, at most `max_chars` code
/// points, no control characters (tab and newlines allowed where `multiline`).
std::optional<core::FieldError> check_text(std::string_view field, std::string_view value, std::size_t max_chars,
                                           Presence presence = Presence::kRequired, bool multiline = false);

}  // namespace gongdan::domain
