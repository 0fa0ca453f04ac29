#include "http/json/json_writer.hpp"

#include <algorithm>

#include <array>
#include <charconv>
#include <cstdint>
#include <string_view>

namespace gongdan::http {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// What one byte asks of the string writer. A table, because a ticket page is mostly Chinese
// text: one load classifies a byte where a chain of range tests did, a quarter fewer of the
// writer's instructions on a My tickets page (callgrind).
enum ByteKind : std::uint8_t {
  kCopy,      // ASCII that is copied as it is
  kEscape,    // `"`, `\` and the control characters below 0x20
  kLead2,     // C2-DF: one continuation byte follows
  kLead3,     // E1-EC, EE-EF: two follow
  kLead3E0,   // E0: two follow, the first A0-BF (no overlong form)
  kLead3ED,   // ED: two follow, the first 80-9F (no surrogate)
  kLead4,     // F1-F3: three follow
  kLead4F0,   // F0: three follow, the first 90-BF (no overlong form)
  kLead4F4,   // F4: three follow, the first 80-8F (nothing past U+10FFFF)
  kMalformed  // a continuation byte without a lead, C0, C1, F5-FF
};

constexpr std::array<ByteKind, 256> kByteKinds = [] {
  std::array<ByteKind, 256> kinds{};
  for (unsigned b = 0; b < 256; ++b) {
    ByteKind kind = kMalformed;
    if (b < 0x20 || b == '"' || b == '\\') {
      kind = kEscape;
    } else if (b < 0x80) {
      kind = kCopy;
    } else if (b >= 0xC2 && b <= 0xDF) {
      kind = kLead2;
    } else if (b == 0xE0) {
      kind = kLead3E0;
    } else if (b == 0xED) {
      kind = kLead3ED;
    } else if (b >= 0xE1 && b <= 0xEF) {
      kind = kLead3;
    } else if (b == 0xF0) {
      kind = kLead4F0;
    } else if (b >= 0xF1 && b <= 0xF3) {
      kind = kLead4;
    } else if (b == 0xF4) {
      kind = kLead4F4;
    }
    kinds[b] = kind;
  }
  return kinds;
}();

// The length (2-4) of the well-formed UTF-8 sequence at `p` whose lead byte is of `kind`, with
// `left` bytes from `p` on, or 0 (the Unicode Standard's table 3-7).
inline std::size_t sequence_length(const unsigned char* p, std::size_t left, ByteKind kind) {
  const auto continues = [&](std::size_t i) { return (p[i] & 0xC0) == 0x80; };
  const auto tail = [&](std::size_t length) {
    return left >= length && continues(1) && continues(2) && (length < 4 || continues(3));
  };
  switch (kind) {
    case kLead2: return left >= 2 && continues(1) ? 2 : 0;
    case kLead3: return tail(3) ? 3 : 0;
    case kLead3E0: return tail(3) && p[1] >= 0xA0 ? 3 : 0;
    case kLead3ED: return tail(3) && p[1] < 0xA0 ? 3 : 0;
    case kLead4: return tail(4) ? 4 : 0;
    case kLead4F0: return tail(4) && p[1] >= 0x90 ? 4 : 0;
    case kLead4F4: return tail(4) && p[1] < 0x90 ? 4 : 0;
    default: return 0;
  }
}

// Appends `text` quoted and escaped as nlohmann does with ensure_ascii off: `"` and `\` and the
// control characters below 0x20 are escaped, everything else is copied. False, with nothing
// appended, when `text` is not valid UTF-8.
bool append_valid_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.push_back('"');
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t run = 0;  // the start of the bytes not yet copied
  for (std::size_t pos = 0; pos < text.size();) {
    const ByteKind kind = kByteKinds[bytes[pos]];
    if (kind == kCopy) {
      ++pos;
      continue;
    }
    if (kind != kEscape) {
      const std::size_t length = sequence_length(bytes + pos, text.size() - pos, kind);
      if (length == 0) {
        out.resize(start);
        return false;
      }
      pos += length;
      continue;
    }
    out.append(text.substr(run, pos - run));
    const auto byte = bytes[pos];
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
  // Keys are nearly always names written in the code, printable ASCII: they go in with one
  // append. Escaping them byte by byte was a seventh of a customer's list.
  const bool plain =
      std::all_of(name.begin(), name.end(), [](char c) { return kByteKinds[static_cast<unsigned char>(c)] == kCopy; });
  if (plain) {
    const std::size_t at = out_.size();
    const std::size_t comma = need_comma_ ? 1 : 0;
    out_.resize(at + comma + name.size() + 3);
    char* p = out_.data() + at;
    if (comma != 0) *p++ = ',';
    *p++ = '"';
    p = std::copy(name.begin(), name.end(), p);
    *p++ = '"';
    *p = ':';
  } else {
    scalar([&](std::string& out) {
      append_string(out, name);
      out.push_back(':');
    });
  }
  need_comma_ = false;
  return *this;
}

void JsonStream::reserve(std::size_t bytes) { out_.reserve(bytes); }

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
