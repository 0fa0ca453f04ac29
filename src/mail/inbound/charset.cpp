#include "mail/inbound/charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

#include "core/utf8.hpp"

namespace gongdan::mail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Mail labelled gb2312 routinely carries GBK characters (names like 喆, 镕), and Big5 mail from
// Hong Kong carries HKSCS ones: decode with the superset so that no character is lost.
std::string iconv_name(std::string_view charset) {
  std::string lower = core::ascii_lower(core::trim(charset));
  if (lower == "gb2312" || lower == "gbk" || lower == "x-gbk" || lower == "cp936" || lower == "euc-cn" ||
      lower == "x-euc-cn" || lower == "gb_2312-80" || lower == "chinese" || lower == "windows-936" ||
      lower == "csgb2312" || lower == "gb18030") {
    return "GB18030";
  }
  if (lower == "big5" || lower == "x-big5" || lower == "cn-big5" || lower == "cp950" || lower == "big5-hkscs") {
    return "BIG5-HKSCS";
  }
  return lower;
}

bool is_utf8_label(std::string_view name) {
  return name.empty() || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii" ||
         name == "unknown-8bit" || name == "x-unknown";
}

// Returns false when iconv does not know the charset; otherwise appends the text, replacing each
// undecodable byte so that one bad byte never hides the rest of a message.
bool convert(std::string_view bytes, const std::string& from, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  // (iconv_t)-1 is iconv's documented failure value.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string input(bytes);
  char* in = input.data();
  std::size_t in_left = input.size();
  char buffer[4096];
  while (in_left > 0) {
    char* out_ptr = buffer;
    std::size_t out_left = sizeof buffer;
    const std::size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    out.append(buffer, static_cast<std::size_t>(out_ptr - buffer));
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    // EILSEQ or a truncated sequence at the end (EINVAL): skip one byte.
    out.append(kReplacement);
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
  }
  iconv_close(cd);
  return true;
}

std::string convert_text(std::string_view bytes, std::string_view charset) {
  const std::string name = iconv_name(charset);
  if (is_utf8_label(name)) {
    if (core::is_valid_utf8(bytes)) return std::string(bytes);
  } else {
    std::string out;
    if (convert(bytes, name, out) && core::is_valid_utf8(out)) return out;
    if (core::is_valid_utf8(bytes)) return std::string(bytes);
  }
  // Unlabelled 8-bit or mislabelled text: in this user base it is almost always GBK.
  std::string out;
  convert(bytes, "GB18030", out);
  return out;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  std::string text = convert_text(bytes, charset);
  // Mail text never needs NUL, and PostgreSQL text columns refuse it: one =00 must not make a
  // message unstorable (and retried by the MTA forever).
  text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
  return text;
}

}  // namespace gongdan::mail
