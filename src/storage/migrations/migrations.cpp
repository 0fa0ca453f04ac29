#include <array>

#include "storage/migrations/migration_texts.hpp"
#include "storage/sql/migration.hpp"

namespace gongdan::storage::sql {

std::span<const Migration> migrations() {
  static const std::array<Migration, 11> list{{
      {1, "initial", migrations::initial_schema()},
      {2, "seed_catalog", migrations::seed_catalog()},
      {3, "mail", migrations::mail_schema()},
      {4, "workspace", migrations::workspace_schema()},
      {5, "search", migrations::search_schema()},
      {6, "custom_fields", migrations::custom_fields_schema()},
      {7, "macros", migrations::macros_schema()},
      {8, "rules", migrations::rules_schema()},
      {9, "sla", migrations::sla_schema()},
      {10, "view_indexes", migrations::view_indexes()},
      {11, "search_merges", migrations::search_merges()},
  }};
  return list;
}

}  // namespace gongdan::storage::sql
