#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongdan::mail {

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a_64(std::string_view bytes);

/// A Message-ID for a message that has none, derived from its bytes: the same message delivered
/// twice gets the same id, so the duplicate check still works.
std::string synthesized_message_id(std::string_view raw);

}  // namespace gongdan::mail
