#include "http/multipart/multipart.hpp"

#include <algorithm>
#include <functional>

#include "http/context/query.hpp"
#include "http/request.hpp"
#include "http/text.hpp"

namespace gongdan::http {

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxBoundaryLength = 70;  // RFC 2046 5.1.1

core::Error malformed(std::string message) { return core::Error::field("multipart", "invalid", std::move(message)); }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A header value split into its first token and `name=value` parameters; quoted values may
// contain ';'. Returns false when a quote is unterminated.
struct ParsedValue {
  std::string token;
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased
};

bool parse_value(std::string_view text, ParsedValue& out) {
  std::size_t pos = text.find(';');
  out.token = lower(trim_spaces(text.substr(0, pos)));
  while (pos != std::string_view::npos && pos < text.size()) {
    ++pos;  // past ';'
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    const std::size_t eq = text.find('=', pos);
    const std::size_t semi = text.find(';', pos);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      pos = semi;  // a parameter without a value: skip it
      continue;
    }
    const std::string name = lower(trim_spaces(text.substr(pos, eq - pos)));
    pos = eq + 1;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      const std::size_t close = text.find('"', pos + 1);
      if (close == std::string_view::npos) return false;
      value = std::string(text.substr(pos + 1, close - pos - 1));
      pos = text.find(';', close + 1);
      if (pos != std::string_view::npos && !trim_spaces(text.substr(close + 1, pos - close - 1)).empty()) return false;
      if (pos == std::string_view::npos && !trim_spaces(text.substr(close + 1)).empty()) return false;
    } else {
      const std::size_t end = text.find(';', pos);
      value = std::string(trim_spaces(text.substr(pos, end == std::string_view::npos ? end : end - pos)));
      pos = end;
    }
    if (!name.empty()) out.params.emplace_back(name, std::move(value));
  }
  return true;
}

const std::string* param(const ParsedValue& value, std::string_view name) {
  for (const auto& [key, v] : value.params) {
    if (key == name) return &v;
  }
  return nullptr;
}

// RFC 8187 ext-value: UTF-8''percent-encoded (the only charset we accept).
std::optional<std::string> decode_ext_value(std::string_view text) {
  const auto first = text.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = text.find('\'', first + 1);
  if (second == std::string_view::npos || lower(text.substr(0, first)) != "utf-8") return std::nullopt;
  return percent_decode(text.substr(second + 1));
}

// Parses one part's header block (lines separated by CRLF, no trailing blank line).
core::Result<MultipartPart> parse_part_headers(std::string_view block, const MultipartLimits& limits) {
  MultipartPart part;
  bool has_disposition = false;
  std::size_t count = 0;
  while (!block.empty()) {
    const auto end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
    if (++count > limits.max_headers_per_part) return malformed("A part has too many headers.");
    if (line.empty() || line.front() == ' ' || line.front() == '\t') return malformed("Folded or empty part header.");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return malformed("A part header has no name.");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim_spaces(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      if (has_disposition) return malformed("A part has two Content-Disposition headers.");
      has_disposition = true;
      ParsedValue parsed;
      if (!parse_value(value, parsed) || parsed.token != "form-data") {
        return malformed("A part's Content-Disposition is not form-data.");
      }
      const std::string* field = param(parsed, "name");
      if (field == nullptr || field->empty()) return malformed("A part has no name.");
      part.name = *field;
      if (const std::string* filename = param(parsed, "filename")) {
        part.filename = *filename;
      } else if (const std::string* ext = param(parsed, "filename*")) {
        auto decoded = decode_ext_value(*ext);
        if (!decoded) return malformed("A part's filename* is malformed.");
        part.filename = std::move(*decoded);
      }
    } else if (iequals(name, "content-type")) {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) return malformed("A part has no Content-Disposition.");
  return part;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  ParsedValue parsed;
  if (!parse_value(content_type, parsed) || parsed.token != "multipart/form-data") return std::nullopt;
  const std::string* boundary = param(parsed, "boundary");
  if (boundary == nullptr || boundary->empty() || boundary->size() > kMaxBoundaryLength) return std::nullopt;
  for (const char c : *boundary) {
    if (c == '\r' || c == '\n') return std::nullopt;
  }
  return *boundary;
}

bool is_multipart_form_data(std::string_view content_type) {
  const auto semi = content_type.find(';');
  return iequals(trim_spaces(content_type.substr(0, semi)), "multipart/form-data");
}

core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view content_type,
                                                         const MultipartLimits& limits) {
  const auto boundary = multipart_boundary(content_type);
  if (!boundary) return malformed("The Content-Type has no usable multipart boundary.");
  const std::string delimiter = "--" + *boundary;
  const std::string separator = std::string(kCrlf) + delimiter;  // CRLF belongs to the delimiter
  const std::boyer_moore_horspool_searcher search(separator.begin(), separator.end());

  // The first delimiter opens the body, or follows a preamble that ends with CRLF.
  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    const auto it = std::search(body.begin(), body.end(), search);
    if (it == body.end()) return malformed("The body has no multipart boundary.");
    pos = static_cast<std::size_t>(it - body.begin()) + separator.size();
  }

  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != kCrlf) {
      return malformed(pos >= body.size() ? "The body ends early (truncated)." : "Text after a boundary.");
    }
    pos += 2;
    if (parts.size() == limits.max_parts) {
      return core::Error::field("files", "too_many", "The body has too many parts.");
    }

    std::string_view headers;
    if (body.substr(pos, 2) == kCrlf) {
      pos += 2;  // a part without headers; rejected below for lack of a name
    } else {
      const std::string_view window = body.substr(pos, limits.max_part_header_bytes + 4);
      const auto end = window.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        return malformed(window.size() < limits.max_part_header_bytes + 4 ? "The body ends early (truncated)."
                                                                          : "A part's headers are too long.");
      }
      headers = window.substr(0, end);
      pos += end + 4;
    }
    auto part = parse_part_headers(headers, limits);
    if (!part) return part.take_error();

    const std::string_view rest = body.substr(pos);
    const auto it = std::search(rest.begin(), rest.end(), search);
    if (it == rest.end()) return malformed("The body ends early (truncated).");
    const auto length = static_cast<std::size_t>(it - rest.begin());
    part->body = rest.substr(0, length);
    parts.push_back(std::move(*part));
    pos += length + separator.size();
  }
}

}  // namespace gongdan::http
