#include "domain/agents/ticket_tags.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace gongdan::domain {

std::optional<std::string> normalize_tag(std::string_view text) {
  const std::string tag = core::ascii_lower(core::trim(text));
  if (tag.empty() || !core::is_valid_utf8(tag) || core::utf8_length(tag) > kMaxTagChars) return std::nullopt;
  for (const unsigned char c : tag) {
    if (c <= 0x20 || c == 0x7f || c == ',') return std::nullopt;
  }
  // U+3000 (ideographic space) and U+FF0C (full-width comma) separate like their ASCII twins.
  if (tag.find("\u3000") != std::string::npos || tag.find("\uff0c") != std::string::npos) return std::nullopt;
  return tag;
}

bool add_tag(std::vector<std::string>& tags, const std::string& tag) {
  const auto at = std::lower_bound(tags.begin(), tags.end(), tag);
  if (at != tags.end() && *at == tag) return false;
  tags.insert(at, tag);
  return true;
}

bool remove_tag(std::vector<std::string>& tags, const std::string& tag) {
  const auto at = std::lower_bound(tags.begin(), tags.end(), tag);
  if (at == tags.end() || *at != tag) return false;
  tags.erase(at);
  return true;
}

}  // namespace gongdan::domain
