#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace gongdan::http {

// Bounds nesting before any parser recursion: stack exhaustion by `[[[[...`.
inline constexpr std::size_t kMaxJsonDepth = 32;

/// Parses a request body (or a multipart JSON part) as one JSON object. Ill-formed UTF-8 →
/// `validation_failed` with `invalid_utf8` on each field holding it; anything else malformed, too
/// deep or not an object → `invalid_json`.
core::Result<nlohmann::json> parse_json_object(std::string_view text);

}  // namespace gongdan::http
