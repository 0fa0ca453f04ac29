// The text helpers run on every user-written field: RFC 3339 parsing, UTF-8 checks, trimming and
// subject similarity must not crash or read out of bounds on any bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/time.hpp"
#include "core/utf8.hpp"
#include "domain/tickets/attachment_policy.hpp"
#include "domain/tickets/text_similarity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto t = gongdan::core::parse_rfc3339(input)) {
    const auto again = gongdan::core::parse_rfc3339(gongdan::core::format_rfc3339(*t));
    if (!again || *again != *t) std::abort();
  }
  const bool valid = gongdan::core::is_valid_utf8(input);
  const auto trimmed = gongdan::core::trim(input);
  if (trimmed.size() > input.size()) std::abort();
  if (valid) {
    const auto half = input.substr(0, input.size() / 2);
    const double s = gongdan::domain::text_similarity(half, input);
    if (s < 0.0 || s > 1.0) std::abort();
  }
  const auto name = gongdan::domain::safe_filename(input);
  if (name.empty() || name.find('/') != std::string::npos || !gongdan::core::is_valid_utf8(name)) std::abort();
  return 0;
}
