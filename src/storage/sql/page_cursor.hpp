#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gongdan::storage::sql {

/// The opaque cursor of keyset pagination: the sort key and id of the last row of a page, tagged
/// with the order it belongs to, in URL-safe base64. Clients must treat it as opaque; tampering
/// can only move them to another position of a list they may already read.
class PageCursor {
 public:
  /// Encodes `keys` (the last row's sort key, ending with its id) for the order named `tag`.
  static std::string encode(std::string_view tag, std::span<const std::int64_t> keys);
  /// The keys of a cursor made by encode() with the same tag and key count; nullopt otherwise.
  static std::optional<std::vector<std::int64_t>> decode(std::string_view cursor, std::string_view tag,
                                                         std::size_t key_count);
};

}  // namespace gongdan::storage::sql
