#include "storage/sql/page_cursor.hpp"

#include <array>
#include <charconv>

namespace gongdan::storage::sql {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// Longer input cannot be a cursor of ours: refuse it before any work.
constexpr std::size_t kMaxCursorChars = 256;
constexpr std::string_view kVersion = "1";

std::string base64url(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

std::optional<std::string> unbase64url(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto value = kAlphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  // Leftover bits must be padding zeros, so each cursor has exactly one spelling.
  if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string PageCursor::encode(std::string_view tag, std::span<const std::int64_t> keys) {
  std::string plain(kVersion);
  plain += '.';
  plain += tag;
  for (const std::int64_t key : keys) {
    plain += '.';
    plain += std::to_string(key);
  }
  return base64url(plain);
}

std::optional<std::vector<std::int64_t>> PageCursor::decode(std::string_view cursor, std::string_view tag,
                                                            std::size_t key_count) {
  if (cursor.empty() || cursor.size() > kMaxCursorChars) return std::nullopt;
  const auto plain = unbase64url(cursor);
  if (!plain) return std::nullopt;
  std::vector<std::string_view> parts;
  std::string_view rest(*plain);
  for (;;) {
    const auto dot = rest.find('.');
    parts.push_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (parts.size() != key_count + 2 || parts[0] != kVersion || parts[1] != tag) return std::nullopt;
  std::vector<std::int64_t> keys;
  keys.reserve(key_count);
  for (std::size_t i = 2; i < parts.size(); ++i) {
    std::int64_t value = 0;
    const auto* begin = parts[i].data();
    const auto* end = begin + parts[i].size();
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (parts[i].empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    keys.push_back(value);
  }
  return keys;
}

}  // namespace gongdan::storage::sql
