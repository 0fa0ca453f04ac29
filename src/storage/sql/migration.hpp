#pragma once

#include <span>
#include <string_view>

namespace gongdan::storage::sql {

/// One schema step, applied once per database in version order. Never edit a released
/// migration: add the next one.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // portable SQL with dialect placeholders (see dialect.hpp)
};

/// Every migration compiled into this binary, in ascending version order.
std::span<const Migration> migrations();

}  // namespace gongdan::storage::sql
