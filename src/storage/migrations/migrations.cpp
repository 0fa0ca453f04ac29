#include <array>

#include "storage/migrations/migration_texts.hpp"
#include "storage/sql/migration.hpp"

namespace gongdan::storage::sql {

std::span<const Migration> migrations() {
  static const std::array<Migration, 2> list{{
      {1, "initial", migrations::initial_schema()},
      {2, "seed_catalog", migrations::seed_catalog()},
  }};
  return list;
}

}  // namespace gongdan::storage::sql
