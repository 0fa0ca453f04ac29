#include "storage/sql/like_pattern.hpp"

namespace gongdan::storage::sql {

std::string like_contains(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size() + 2);
  pattern.push_back('%');
  for (const char c : text) {
    if (c == '%' || c == '_' || c == kLikeEscape) pattern.push_back(kLikeEscape);
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

}  // namespace gongdan::storage::sql
