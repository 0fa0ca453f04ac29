#include "mail/inbound/header_text.hpp"

#include <cstdint>
#include <optional>

#include "core/utf8.hpp"
#include "mail/inbound/charset.hpp"

namespace gongdan::mail {
namespace {

struct EncodedWord {
  std::string charset;
  std::string bytes;
  std::size_t end = 0;  // index just past "?="
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string decode_q(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The next "?=" at or after a position. Positions only grow while a header is decoded, so one
// answer serves many questions: a hostile header full of "=?" without ends stays linear.
class CloseFinder {
 public:
  explicit CloseFinder(std::string_view raw) : raw_(raw) {}
  std::size_t next(std::size_t from) {
    if (!searched_ || (found_ != std::string_view::npos && found_ < from)) {
      found_ = raw_.find("?=", from);
      searched_ = true;
    }
    return found_;
  }

 private:
  std::string_view raw_;
  std::size_t found_ = std::string_view::npos;
  bool searched_ = false;
};

// Parses "=?charset?B|Q?text?=" starting at `at`; nothing when the bytes there are not one.
std::optional<EncodedWord> parse_encoded_word(std::string_view raw, std::size_t at, CloseFinder& closes) {
  if (raw.substr(at, 2) != "=?") return std::nullopt;
  const std::size_t charset_end = raw.find('?', at + 2);
  if (charset_end == std::string_view::npos || charset_end == at + 2) return std::nullopt;
  if (charset_end + 2 >= raw.size() || raw[charset_end + 2] != '?') return std::nullopt;
  const char encoding = raw[charset_end + 1];
  const std::size_t text_begin = charset_end + 3;
  const std::size_t text_end = closes.next(text_begin);
  if (text_end == std::string_view::npos) return std::nullopt;
  std::string_view charset = raw.substr(at + 2, charset_end - at - 2);
  const std::string_view text = raw.substr(text_begin, text_end - text_begin);
  for (char c : charset) {
    if (is_space(c)) return std::nullopt;
  }
  for (char c : text) {
    if (is_space(c)) return std::nullopt;
  }
  charset = charset.substr(0, charset.find('*'));  // RFC 2231 language suffix: =?utf-8*zh?...
  EncodedWord word{std::string(charset), {}, text_end + 2};
  if (encoding == 'B' || encoding == 'b') {
    word.bytes = decode_base64(text);
  } else if (encoding == 'Q' || encoding == 'q') {
    word.bytes = decode_q(text);
  } else {
    return std::nullopt;
  }
  return word;
}

std::string unfold(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c != '\r' && c != '\n') out += c;
  }
  return out;
}

}  // namespace

std::string decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t accumulator = 0;
  int bits = 0;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+') value = 62;
    if (c == '/') value = 63;
    if (value < 0) continue;
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((accumulator >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_header_text(std::string_view folded) {
  const std::string raw = unfold(folded);
  std::string out;
  std::string literal;
  std::string pending;  // bytes of adjacent encoded words in one charset, converted together
  std::string pending_charset;
  const auto flush_pending = [&] {
    if (!pending.empty()) out += to_utf8(pending, pending_charset);
    pending.clear();
    pending_charset.clear();
  };
  const auto flush_literal = [&] {
    if (!literal.empty()) out += to_utf8(literal, "");
    literal.clear();
  };
  CloseFinder closes(raw);
  std::size_t i = 0;
  while (i < raw.size()) {
    if (auto word = parse_encoded_word(raw, i, closes)) {
      flush_literal();
      if (core::ascii_lower(word->charset) != core::ascii_lower(pending_charset)) flush_pending();
      pending_charset = word->charset;
      pending += word->bytes;
      i = word->end;
      // RFC 2047 §6.2: white space between two encoded words is not displayed.
      std::size_t next = i;
      while (next < raw.size() && is_space(raw[next])) ++next;
      if (next > i && parse_encoded_word(raw, next, closes)) i = next;
      continue;
    }
    flush_pending();
    literal += raw[i];
    ++i;
  }
  flush_pending();
  flush_literal();
  return std::string(core::trim(out));
}

}  // namespace gongdan::mail
