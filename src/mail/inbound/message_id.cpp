#include "mail/inbound/message_id.hpp"

#include <cstdio>

namespace gongdan::mail {

std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string synthesized_message_id(std::string_view raw) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a_64(raw)));
  // The .invalid domain (RFC 2606) can never collide with a real sender's Message-ID.
  return std::string("generated.") + hex + "@gongdan.invalid";
}

}  // namespace gongdan::mail
