#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongdan::domain {

/// A ticket carries at most this many tags: a tag cloud nobody reads is no filter.
constexpr std::size_t kMaxTagsPerTicket = 20;
constexpr std::size_t kMaxTagChars = 40;

/// A tag as stored: trimmed, ASCII lower-cased, 1 to 40 characters, no whitespace, commas or
/// control characters (tags travel in comma lists and URLs). Chinese tags (闪退) are kept as typed.
std::optional<std::string> normalize_tag(std::string_view text);

/// Adds a normalized tag to a sorted list; false when it was there.
bool add_tag(std::vector<std::string>& tags, const std::string& tag);
/// Removes a tag from a sorted list; false when it was not there.
bool remove_tag(std::vector<std::string>& tags, const std::string& tag);

}  // namespace gongdan::domain
