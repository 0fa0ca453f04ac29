#pragma once

#include <string>
#include <string_view>

namespace gongdan::storage::sql {

/// The escape character like_contains() uses; queries say `LIKE ? ESCAPE '\'`.
inline constexpr char kLikeEscape = '\\';

/// A LIKE pattern matching any text that contains `text` literally: `%`, `_` and the escape
/// character in user input match themselves instead of acting as wildcards.
std::string like_contains(std::string_view text);

}  // namespace gongdan::storage::sql
