#include "mail/inbound/html_text.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include "core/utf8.hpp"

namespace gongdan::mail {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The entities mail clients actually emit; &nbsp; becomes a plain space so that text filters
// (quote markers such as QQ Mail's "------------------&nbsp;Original&nbsp;") see ordinary words.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kEntities{{
    {"nbsp", " "},        {"amp", "&"},        {"lt", "<"},         {"gt", ">"},         {"quot", "\""},
    {"apos", "'"},        {"copy", "\u00A9"},  {"reg", "\u00AE"},   {"mdash", "\u2014"}, {"ndash", "\u2013"},
    {"hellip", "\u2026"}, {"ldquo", "\u201C"}, {"rdquo", "\u201D"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"},
    {"middot", "\u00B7"}, {"yen", "\u00A5"},   {"times", "\u00D7"}, {"bull", "\u2022"},  {"emsp", " "},
}};

// Decodes the entity starting at text[at] == '&'; returns the bytes consumed (0: not an entity).
std::size_t decode_entity(std::string_view text, std::size_t at, std::string& out) {
  // Entities are short: looking further would make a body of bare '&' quadratic.
  const std::size_t semicolon = text.substr(0, at + 34).find(';', at);
  if (semicolon == std::string_view::npos) return 0;
  const std::string_view name = text.substr(at + 1, semicolon - at - 1);
  if (name.size() > 1 && name[0] == '#') {
    std::uint32_t cp = 0;
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int value = -1;
      if (c >= '0' && c <= '9') value = c - '0';
      if (hex && c >= 'a' && c <= 'f') value = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') value = c - 'A' + 10;
      if (value < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(value);
      if (cp > 0x10FFFF) cp = 0x110000;  // stays out of range without overflowing
    }
    append_utf8(out, cp == 0xA0 ? ' ' : cp);
    return semicolon - at + 1;
  }
  for (const auto& [entity, text_value] : kEntities) {
    if (name == entity) {
      out += text_value;
      return semicolon - at + 1;
    }
  }
  return 0;
}

// Line-breaking markers in the intermediate text; '\n' itself is a <br>.
constexpr char kLineEnd = '\x01';    // a block boundary: the line ends here, once
constexpr char kParagraph = '\x02';  // a paragraph boundary: a blank line, once

char break_for(std::string_view tag) {
  static constexpr std::array<std::string_view, 7> kLines{"div", "li", "tr", "table", "ul", "ol", "pre"};
  static constexpr std::array<std::string_view, 9> kParagraphs{"p",  "h1", "h2",         "h3", "h4",
                                                               "h5", "h6", "blockquote", "hr"};
  if (tag == "br") return '\n';
  for (auto line : kLines) {
    if (tag == line) return kLineEnd;
  }
  for (auto paragraph : kParagraphs) {
    if (tag == paragraph) return kParagraph;
  }
  return 0;
}

// The lower-cased tag name of "<name ...>" or "</name>", without the slash.
std::string tag_name(std::string_view tag) {
  std::size_t i = 1;
  if (i < tag.size() && tag[i] == '/') ++i;
  std::string name;
  while (i < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[i])) != 0 || tag[i] == ':')) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(tag[i])));
    ++i;
  }
  return name;
}

// Collapses white space the way a browser does and applies the line-breaking markers; never more
// than one blank line in a row.
std::string tidy(std::string_view text) {
  std::string out;
  bool space = false;
  const auto newlines_at_end = [&out] {
    std::size_t count = 0;
    while (count < out.size() && out[out.size() - 1 - count] == '\n') ++count;
    return count;
  };
  const auto end_lines = [&](std::size_t wanted) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (!out.empty() && newlines_at_end() < wanted) out += '\n';
  };
  for (char c : text) {
    if (c == kLineEnd) {
      end_lines(1);
    } else if (c == kParagraph) {
      end_lines(2);
    } else if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && newlines_at_end() < 2) out += '\n';
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
      continue;
    } else {
      if (space && !out.empty() && out.back() != '\n') out += ' ';
      out += c;
    }
    space = false;
  }
  return std::string(core::trim(out));
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string text;        // '\n' only where a tag breaks the line; source line breaks are spaces
  std::string skip_until;  // inside <script>, <style> or <head>: drop everything to its end tag
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;  // a cut-off tag at the end carries no text
      const std::string_view tag = html.substr(i, end - i + 1);
      const std::string name = tag_name(tag);
      const bool closing = tag.size() > 1 && tag[1] == '/';
      i = end + 1;
      if (!skip_until.empty()) {
        if (closing && name == skip_until) skip_until.clear();
        continue;
      }
      if (!closing && (name == "script" || name == "style" || name == "head" || name == "title")) {
        if (tag.size() < 2 || tag[tag.size() - 2] != '/') skip_until = name;
      } else if (const char line_break = break_for(name); line_break != 0) {
        text += line_break;
      } else if (name == "td" || name == "th") {
        text += ' ';
      }
      continue;
    }
    if (!skip_until.empty()) {
      ++i;
      continue;
    }
    if (c == '&') {
      std::string decoded;
      if (const std::size_t used = decode_entity(html, i, decoded); used > 0) {
        // A decoded '\n' (&#10;) reads as white space like any source line break.
        for (char d : decoded) text += (d == '\n' || d == kLineEnd || d == kParagraph) ? ' ' : d;
        i += used;
        continue;
      }
    }
    // Source line breaks are white space; stray marker bytes in the input are too.
    text += (c == '\n' || c == kLineEnd || c == kParagraph) ? ' ' : c;
    ++i;
  }
  return tidy(text);
}

}  // namespace gongdan::mail
