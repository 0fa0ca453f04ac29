#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gongdan::core {

/// Decodes the code point starting at byte `pos` of `text` into `out`; returns its length in bytes,
/// or 0 when the bytes there are not well-formed UTF-8 (the caller decides how to skip them).
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& out);

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// The number of code points in valid UTF-8: a Chinese character counts as one.
std::size_t utf8_length(std::string_view text);

/// The first `count` code points of valid UTF-8 (all of it when shorter): never splits a character.
std::string_view utf8_prefix(std::string_view text, std::size_t count);

/// Trims ASCII and Unicode whitespace (U+3000 ideographic space included) from both ends.
std::string_view trim(std::string_view text);

/// ASCII lower-casing, enough for e-mail addresses and tokens.
std::string ascii_lower(std::string_view text);

/// True when `text` contains a control character other than tab, LF or CR.
bool has_control_characters(std::string_view text);

}  // namespace gongdan::core
