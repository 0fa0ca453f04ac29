#include "domain/tickets/text_similarity.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace gongdan::domain {
namespace {

// Code points of the text, lower-cased (ASCII), without spaces, ASCII punctuation and the
// common full-width punctuation of Chinese text.
std::vector<char32_t> letters(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    char32_t cp = lead < 0x80 ? lead : lead & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<std::uint8_t>(text[i + k]) & 0x3F);
    }
    i += length;
    if (cp < 0x80) {
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) out.push_back(cp);
      else if (cp >= 'A' && cp <= 'Z') out.push_back(cp - 'A' + 'a');
      continue;
    }
    const bool cjk_punctuation = (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
                                 (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x2000 && cp <= 0x206F);
    if (!cjk_punctuation) out.push_back(cp);
  }
  return out;
}

std::vector<std::uint64_t> bigrams(const std::vector<char32_t>& text) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    out.push_back((static_cast<std::uint64_t>(text[i]) << 32) | text[i + 1]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

double text_similarity(std::string_view a, std::string_view b) {
  const auto la = letters(a);
  const auto lb = letters(b);
  if (la.empty() || lb.empty()) return 0.0;
  if (la.size() < 2 || lb.size() < 2) return la == lb ? 1.0 : 0.0;
  const auto ba = bigrams(la);
  const auto bb = bigrams(lb);
  std::vector<std::uint64_t> common;
  std::set_intersection(ba.begin(), ba.end(), bb.begin(), bb.end(), std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) / static_cast<double>(ba.size() + bb.size());
}

}  // namespace gongdan::domain
