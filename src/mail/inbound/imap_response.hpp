#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gongdan::mail {

/// The UIDs listed by the untagged "* SEARCH …" lines of an IMAP response (RFC 3501 §7.2.5), in
/// order; anything else in the text is ignored, as are numbers that are not valid UIDs.
std::vector<std::uint32_t> parse_search_response(std::string_view response);

}  // namespace gongdan::mail
