#include "mail/inbound/imap_response.hpp"

#include <charconv>
#include <string>

#include "core/utf8.hpp"

namespace gongdan::mail {

std::vector<std::uint32_t> parse_search_response(std::string_view response) {
  std::vector<std::uint32_t> uids;
  std::size_t start = 0;
  while (start < response.size()) {
    std::size_t end = response.find('\n', start);
    if (end == std::string_view::npos) end = response.size();
    std::string_view line = response.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (core::ascii_lower(line.substr(0, 9)) != "* search ") continue;
    line.remove_prefix(9);
    while (!line.empty()) {
      const std::size_t space = line.find(' ');
      const std::string_view word = line.substr(0, space);
      line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
      std::uint32_t uid = 0;
      const auto [ptr, error] = std::from_chars(word.data(), word.data() + word.size(), uid);
      // UID 0 does not exist (RFC 3501 §2.3.1.1); "(MODSEQ 12)" and such from extensions are skipped.
      if (error == std::errc() && ptr == word.data() + word.size() && uid != 0) uids.push_back(uid);
    }
  }
  return uids;
}

}  // namespace gongdan::mail
