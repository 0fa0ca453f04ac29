#include "domain/mail/link_token.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace gongdan::domain {
namespace {

constexpr std::size_t kSelectorChars = 16;  // 8 bytes in hex: hex keeps the byte order when sorted
constexpr std::size_t kSecretBytes = 32;

}  // namespace

std::string make_link_token(const core::Crypto& crypto, core::Timestamp now) {
  std::array<std::byte, 2> random{};
  crypto.random_bytes(random);
  const auto ms = static_cast<std::uint64_t>(core::to_epoch_ms(now));
  // 48 bits of milliseconds (until the year 10889), then the two random bytes.
  const std::uint64_t selector =
      (ms << 16) | (std::to_integer<std::uint64_t>(random[0]) << 8) | std::to_integer<std::uint64_t>(random[1]);
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string token(kSelectorChars, '0');
  for (std::size_t i = 0; i < kSelectorChars; ++i) token[i] = kHex[(selector >> (60 - 4 * i)) & 0xF];
  return token + crypto.random_token(kSecretBytes);
}

std::string link_digest(const core::Crypto& crypto, std::string_view token) {
  return std::string(token.substr(0, kSelectorChars)) + "." + crypto.digest(token);
}

}  // namespace gongdan::domain
