#include "http/json/json_writer.hpp"

#include <charconv>
#include <cstdint>
#include <string_view>

namespace gongdan::http {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// The length (2-4) of the well-formed UTF-8 sequence at `p`, with `left` bytes from `p` on, or 0
// (the Unicode Standard's table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF).
inline std::size_t sequence_length(const unsigned char* p, std::size_t left) {
  const auto continues = [&](std::size_t i) { return (p[i] & 0xC0) == 0x80; };
  const unsigned lead = p[0];
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continues(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !continues(1) || !continues(2)) return 0;
    if ((lead == 0xE0 && p[1] < 0xA0) || (lead == 0xED && p[1] >= 0xA0)) return 0;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !continues(1) || !continues(2) || !continues(3)) return 0;
    if ((lead == 0xF0 && p[1] < 0x90) || (lead == 0xF4 && p[1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

// Appends `text` quoted and escaped as nlohmann does with ensure_ascii off: `"` and `\` and the
// control characters below 0x20 are escaped, everything else is copied. False, with nothing
// appended, when `text` is not valid UTF-8.
bool append_valid_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.push_back('"');
  std::size_t run = 0;  // the start of the bytes not yet copied
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<std::uint8_t>(text[pos]);
    if (byte >= 0x80) {
      const std::size_t length =
          sequence_length(reinterpret_cast<const unsigned char*>(text.data()) + pos, text.size() - pos);
      if (length == 0) {
        out.resize(start);
        return false;
      }
      pos += length;
      continue;
    }
    if (byte >= 0x20 && byte != '"' && byte != '\\') {
      ++pos;
      continue;
    }
    out.append(text.substr(run, pos - run));
    switch (byte) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        out.append("\\u00");
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0F]);
    }
    run = ++pos;
  }
  out.append(text.substr(run));
  out.push_back('"');
  return true;
}

void append_string(std::string& out, std::string_view text) {
  if (!append_valid_string(out, text)) {
    out.append(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

template <typename Integer>
void append_integer(std::string& out, Integer value) {
  char buffer[24];
  const auto done = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, done.ptr);
}

void append_value(std::string& out, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: out.append("null"); return;
    case nlohmann::json::value_t::boolean: out.append(value.get<bool>() ? "true" : "false"); return;
    case nlohmann::json::value_t::number_integer:
      append_integer(out, value.get<nlohmann::json::number_integer_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      append_integer(out, value.get<nlohmann::json::number_unsigned_t>());
      return;
    case nlohmann::json::value_t::string: append_string(out, value.get_ref<const std::string&>()); return;
    case nlohmann::json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : value.get_ref<const nlohmann::json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        append_value(out, item);
      }
      out.push_back(']');
      return;
    }
    case nlohmann::json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : value.get_ref<const nlohmann::json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        append_string(out, key);
        out.push_back(':');
        append_value(out, item);
      }
      out.push_back('}');
      return;
    }
    default:  // floating point (nlohmann's shortest round-trip form), binary, discarded
      out.append(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
  }
}

}  // namespace

std::string write_json(const nlohmann::json& value) {
  std::string out;
  out.reserve(256);
  append_value(out, value);
  return out;
}

JsonStream& JsonStream::open(char bracket) {
  if (need_comma_) out_.push_back(',');
  out_.push_back(bracket);
  need_comma_ = false;
  return *this;
}

JsonStream& JsonStream::close(char bracket) {
  out_.push_back(bracket);
  need_comma_ = true;
  return *this;
}

template <typename Write>
JsonStream& JsonStream::scalar(Write write) {
  if (need_comma_) out_.push_back(',');
  write(out_);
  need_comma_ = true;
  return *this;
}

JsonStream& JsonStream::begin_object() { return open('{'); }
JsonStream& JsonStream::end_object() { return close('}'); }
JsonStream& JsonStream::begin_array() { return open('['); }
JsonStream& JsonStream::end_array() { return close(']'); }

JsonStream& JsonStream::key(std::string_view name) {
  scalar([&](std::string& out) {
    append_string(out, name);
    out.push_back(':');
  });
  need_comma_ = false;
  return *this;
}

JsonStream& JsonStream::string(std::string_view value) {
  return scalar([&](std::string& out) { append_string(out, value); });
}
JsonStream& JsonStream::integer(std::int64_t value) {
  return scalar([&](std::string& out) { append_integer(out, value); });
}
JsonStream& JsonStream::boolean(bool value) {
  return scalar([&](std::string& out) { out.append(value ? "true" : "false"); });
}
JsonStream& JsonStream::null() {
  return scalar([](std::string& out) { out.append("null"); });
}
JsonStream& JsonStream::value(const nlohmann::json& value) {
  return scalar([&](std::string& out) { append_value(out, value); });
}

}  // namespace gongdan::http
