#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/fields/field_definition.hpp"
#include "domain/users/actor.hpp"

namespace gongdan::domain {

/// A category as an admin sends it. Absent position: at the end (new) or unchanged; absent
/// active: active (new) or unchanged.
struct CategoryDraft {
  std::string name_zh;
  std::string name_en;
  std::optional<std::int64_t> position;
  std::optional<bool> active;
};

/// A custom field as an admin sends it. `key` and `type` are required when creating and may only
/// repeat the stored ones when updating. Absent position and active behave as for categories.
struct FieldDraft {
  std::optional<std::string> key;
  std::optional<std::string> type;
  std::string label_zh;
  std::string label_en;
  bool required = false;
  std::vector<FieldOption> options;
  std::optional<std::int64_t> position;
  std::optional<bool> active;
};

/// The admin's category and custom-field pages (role admin only). A thin layer over the catalog
/// store, cheap to make per request: it holds nothing but the store.
class CatalogAdminService {
 public:
  explicit CatalogAdminService(CatalogRepository& catalog) : catalog_(catalog) {}

  static constexpr std::size_t kMaxCategoryNameChars = 100;
  static constexpr std::size_t kMaxCategories = 200;  // a picker nobody can read; bounds the lists

  core::Result<std::vector<Category>> categories(const Actor& actor);
  core::Result<Category> create_category(const Actor& actor, const CategoryDraft& draft);
  /// Deactivating hides the category from new submissions; its tickets stay as they are.
  core::Result<Category> update_category(const Actor& actor, core::CategoryId id, const CategoryDraft& draft);

  core::Result<std::vector<FieldDefinition>> fields(const Actor& actor, core::CategoryId category);
  core::Result<FieldDefinition> create_field(const Actor& actor, core::CategoryId category, const FieldDraft& draft);
  core::Result<FieldDefinition> update_field(const Actor& actor, core::CategoryId category, core::FieldId id,
                                             const FieldDraft& draft);
  core::Result<CatalogRepository::FieldRemoval> remove_field(const Actor& actor, core::CategoryId category,
                                                             core::FieldId id);

 private:
  core::Result<Category> existing_category(const Actor& actor, core::CategoryId id);
  core::Result<FieldDefinition> save_checked(FieldDefinition field, const std::vector<FieldDefinition>& siblings);

  CatalogRepository& catalog_;
};

}  // namespace gongdan::domain
