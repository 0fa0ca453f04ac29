#pragma once

#include <string>
#include <string_view>

#include "core/time.hpp"

namespace gongdan::mail {

/// The longest line the encoders write, without its CRLF (RFC 2045 §6.7, RFC 2047 §2).
inline constexpr std::size_t kMaxEncodedLine = 76;

/// Base64 (RFC 4648) in lines of at most 76 characters, each ended by CRLF.
std::string encode_base64_lines(std::string_view bytes);

/// Quoted-printable (RFC 2045 §6.7): CRLF line breaks (LF and CR alone become CRLF), lines of at
/// most 76 characters with soft breaks that never split a UTF-8 sequence; ends with CRLF.
std::string encode_quoted_printable(std::string_view text);

/// A header field `Name: value` folded to lines of at most 76 characters, CRLF between lines and
/// none at the end. Printable ASCII is folded at spaces; other text becomes UTF-8 B encoded-words
/// (RFC 2047) that never split a character. CR, LF and other control characters are replaced by
/// spaces first, so a value can never start a header of its own.
std::string fold_unstructured_header(std::string_view name, std::string_view value);

/// `Name: "Display" <addr>` (or `=?UTF-8?B?…?= <addr>` for a non-ASCII name), folded like
/// fold_unstructured_header; just `<addr>` when the name is empty.
std::string format_address_header(std::string_view name, std::string_view display_name, std::string_view address);

/// RFC 5322 date-time in UTC: `Wed, 25 Nov 2026 21:46:41 +0000`.
std::string format_rfc5322_date(core::Timestamp t);

/// Replaces CR, LF and other control characters (tab kept) with spaces and collapses the runs:
/// the defence against header injection.
std::string sanitize_header_text(std::string_view value);

/// A minimal address check before anything reaches the wire: one `@` with text on both sides,
/// no spaces, control characters, angle brackets or quotes.
bool is_plausible_address(std::string_view address);

}  // namespace gongdan::mail
