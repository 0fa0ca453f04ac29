#pragma once

#include <string>
#include <string_view>

namespace gongdan::mail {

/// Decodes an unstructured header value to UTF-8: unfolds it, decodes RFC 2047 encoded words
/// (B and Q, any charset, words split inside a multi-byte character included) and reads raw 8-bit
/// bytes as UTF-8 when valid, else as GB18030.
std::string decode_header_text(std::string_view raw);

/// Decodes base64, skipping characters outside the alphabet and tolerating missing padding.
std::string decode_base64(std::string_view text);

}  // namespace gongdan::mail
