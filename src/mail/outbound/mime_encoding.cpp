#include "mail/outbound/mime_encoding.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace gongdan::mail {
namespace {

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kHex = "0123456789ABCDEF";
constexpr std::string_view kCrlf = "\r\n";
// `=?UTF-8?B?` and `?=` around the base64 of an encoded-word.
constexpr std::size_t kEncodedWordOverhead = 12;
// RFC 2047 §2: an encoded-word is at most 75 characters long.
constexpr std::size_t kMaxEncodedWord = 75;

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t chunk = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      chunk = (chunk << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? kBase64Alphabet[(chunk >> (18 - 6 * k)) & 0x3F] : '=';
    }
  }
  return out;
}

// The byte length of the UTF-8 sequence starting at `at`; 1 for a stray byte, so malformed
// input still moves forward and is never split in the middle of what looks like a character.
std::size_t utf8_unit_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t expected = 1;
  if (lead >= 0xF0 && lead <= 0xF7) {
    expected = 4;
  } else if (lead >= 0xE0) {
    expected = lead <= 0xEF ? 3 : 1;
  } else if (lead >= 0xC0) {
    expected = 2;
  }
  std::size_t length = 1;
  while (length < expected && at + length < text.size() &&
         (static_cast<unsigned char>(text[at + length]) & 0xC0) == 0x80) {
    ++length;
  }
  return length;
}

bool is_printable_ascii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

std::string quote_phrase(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

// The Q form (RFC 2047 §4.2) of one character, restricted to what is safe in a phrase (§5(3)).
std::string q_encode(std::string_view unit) {
  std::string out;
  for (char c : unit) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
      out += c;
    } else if (c == ' ') {
      out += '_';
    } else {
      out += '=';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

// Appends `text` as UTF-8 encoded-words of whole characters, each on its own folded line.
//
// Words are B-encoded. GMime (our own inbound parser) joins adjacent B-words before decoding, so a
// padded word (`…=?=`) followed by another one loses the rest of the header: every B-word but
// the last therefore holds a multiple of three bytes. Where no such cut exists (one- or two-byte
// characters before three-byte ones: `] 工单`), those short characters go into a Q-word instead.
void append_encoded_words(std::string& out, std::size_t& column, std::string_view text) {
  std::size_t at = 0;
  bool first = true;
  while (at < text.size()) {
    // Every further word starts a folded line; so does the first when not even a four-byte
    // character would fit after what the line already holds.
    if (!first || column + kEncodedWordOverhead + 12 > kMaxEncodedLine) {
      out += kCrlf;
      out += ' ';
      column = 1;
    }
    first = false;
    const std::size_t room = std::min(kMaxEncodedLine - column, kMaxEncodedWord) - kEncodedWordOverhead;
    const std::size_t max_bytes = room / 4 * 3;
    std::size_t end = at;
    std::size_t unpadded_end = at;
    while (end < text.size()) {
      const std::size_t unit = utf8_unit_length(text, end);
      if (end + unit - at > max_bytes) break;
      end += unit;
      if ((end - at) % 3 == 0) unpadded_end = end;
    }
    std::string word;
    if (end == text.size() || unpadded_end > at) {
      if (end < text.size()) end = unpadded_end;
      word = "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    } else {
      std::string q;
      end = at;
      while (end < text.size()) {
        const std::size_t unit = utf8_unit_length(text, end);
        const std::string encoded = q_encode(text.substr(end, unit));
        if (end > at && (unit >= 3 || q.size() + encoded.size() > room)) break;
        q += encoded;
        end += unit;
      }
      word = "=?UTF-8?Q?" + q + "?=";
    }
    out += word;
    column += word.size();
    at = end;
  }
}

// Appends printable ASCII words separated by single spaces, folding at spaces; false (and nothing
// appended) when some word cannot fit on a line of its own.
bool append_folded_ascii(std::string& out, std::size_t& column, std::string_view text) {
  std::string result;
  std::size_t col = column;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::string_view word = text.substr(start, space == std::string_view::npos ? text.npos : space - start);
    const std::size_t needed = word.size() + (first ? 0 : 1);
    if (col + needed > kMaxEncodedLine) {
      if (first || 1 + word.size() > kMaxEncodedLine) return false;
      result += kCrlf;
      col = 0;
    }
    if (!first) result += ' ';
    result += word;
    col += needed;
    first = false;
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  out += result;
  column = col;
  return true;
}

}  // namespace

std::string encode_base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += kMaxEncodedLine) {
    out += encoded.substr(i, kMaxEncodedLine);
    out += kCrlf;
  }
  return out;
}

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find_first_of("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);
    std::size_t column = 0;
    for (std::size_t at = 0; at < line.size();) {
      const std::size_t unit = utf8_unit_length(line, at);
      const bool last = at + unit == line.size();
      std::string encoded;
      for (std::size_t k = at; k < at + unit; ++k) {
        const auto c = static_cast<unsigned char>(line[k]);
        // Whitespace before a line break would be stripped by transports (RFC 2045 rule 3).
        const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
        if (literal) {
          encoded += static_cast<char>(c);
        } else {
          encoded += '=';
          encoded += kHex[c >> 4];
          encoded += kHex[c & 0x0F];
        }
      }
      // Keep room for the soft break's `=` unless this is the line's last character.
      const std::size_t limit = last ? kMaxEncodedLine : kMaxEncodedLine - 1;
      if (column + encoded.size() > limit) {
        out += "=\r\n";
        column = 0;
      }
      out += encoded;
      column += encoded.size();
      at += unit;
    }
    out += kCrlf;
    // CRLF, LF and a lone CR each end one line.
    line_start = line_end;
    if (line_start < text.size()) {
      line_start += text.compare(line_start, 2, kCrlf) == 0 ? 2 : 1;
    }
  }
  return out;
}

std::string sanitize_header_text(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string fold_unstructured_header(std::string_view name, std::string_view value) {
  const std::string text = sanitize_header_text(value);
  std::string out = std::string(name) + ":";
  std::size_t column = out.size();
  if (text.empty()) return out;
  if (is_printable_ascii(text) && text.find("=?") == std::string::npos) {
    std::string folded = out + " ";
    std::size_t folded_column = column + 1;
    if (append_folded_ascii(folded, folded_column, text)) return folded;
  }
  out += ' ';
  ++column;
  append_encoded_words(out, column, text);
  return out;
}

std::string format_address_header(std::string_view name, std::string_view display_name, std::string_view address) {
  const std::string display = sanitize_header_text(display_name);
  const std::string angle_address = "<" + sanitize_header_text(address) + ">";
  std::string out = std::string(name) + ": ";
  std::size_t column = out.size();
  if (!display.empty()) {
    const std::string quoted = quote_phrase(display);
    if (is_printable_ascii(display) && display.find("=?") == std::string::npos &&
        column + quoted.size() + 1 + angle_address.size() <= kMaxEncodedLine) {
      return out + quoted + " " + angle_address;
    }
    append_encoded_words(out, column, display);
    // The address goes on a folded line of its own when it would not fit after the name.
    if (column + 1 + angle_address.size() > kMaxEncodedLine) out += kCrlf;
    out += ' ';
  }
  return out + angle_address;
}

std::string format_rfc5322_date(core::Timestamp t) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{floor<seconds>(t - day)};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000", kWeekdays[weekday{day}.c_encoding()],
                static_cast<unsigned>(date.day()), kMonths[static_cast<unsigned>(date.month()) - 1],
                static_cast<int>(date.year()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buffer;
}

bool is_plausible_address(std::string_view address) {
  // RFC 5321 §4.5.3.1.3: a path is at most 256 octets, the address inside it 254.
  if (address.empty() || address.size() > 254) return false;
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == '"' || c == ',') return false;
  }
  return true;
}

}  // namespace gongdan::mail
