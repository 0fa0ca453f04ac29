#pragma once

#include <compare>
#include <cstdint>

namespace gongdan::core {

/// A database id that cannot be confused with another kind of id.
template <typename Tag>
struct Id {
  std::int64_t value = 0;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 its synthesized <=> compares with.
  auto operator<=>(const Id&) const = default;
};

using UserId = Id<struct UserTag>;
using TicketId = Id<struct TicketTag>;
using MessageId = Id<struct MessageTag>;
using AttachmentId = Id<struct AttachmentTag>;
using CategoryId = Id<struct CategoryTag>;
using EventId = Id<struct EventTag>;
using GroupId = Id<struct GroupTag>;
using RuleId = Id<struct RuleTag>;
using FieldId = Id<struct FieldTag>;  // a custom field definition of a category

}  // namespace gongdan::core
