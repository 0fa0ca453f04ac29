#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/fields/field_definition.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// A kind of problem the customer picks when submitting; the list is configurable.
struct Category {
  core::CategoryId id;
  std::string name_zh;
  std::string name_en;
  int position = 0;
  bool active = true;

  const std::string& name(Locale locale) const { return locale == Locale::kEn ? name_en : name_zh; }
};

/// A help-center article (frequently asked question), one row per language.
struct Article {
  std::int64_t id = 0;
  std::string slug;
  Locale locale = Locale::kZhCn;
  std::string title;
  std::string body_markdown;
  std::string category;
  int position = 0;
};

/// Where categories and help articles live.
class CatalogRepository {
 public:
  virtual ~CatalogRepository() = default;
  /// Active categories in display order.
  virtual std::vector<Category> categories() = 0;
  virtual std::optional<Category> find_category(core::CategoryId id) = 0;
  /// Adds a category at the end of the list.
  virtual core::Result<Category> add_category(const std::string& name_zh, const std::string& name_en) = 0;
  virtual std::vector<Article> articles(Locale locale) = 0;

  // Administration of categories and their custom fields (see docs/workspace.md).

  /// Every category, active or not, in display order.
  virtual std::vector<Category> all_categories() = 0;
  /// Inserts a category (id 0) or updates the one with its id. Error kNotFound for an unknown id.
  virtual core::Result<Category> save_category(const Category& category) = 0;
  /// A category's field definitions, active or not, in display order, with their options.
  virtual std::vector<FieldDefinition> field_definitions(core::CategoryId category) = 0;
  /// The active fields of every active category, in display order: what the forms ask.
  virtual std::vector<FieldDefinition> active_fields() = 0;
  /// Inserts a definition (id 0) or updates the one with its id, options replaced. Error kNotFound
  /// for an unknown id; kConflict when the key is taken meanwhile.
  virtual core::Result<FieldDefinition> save_field(const FieldDefinition& field) = 0;
  /// What removing a field did: a field no ticket answered is deleted; one with stored values is
  /// deactivated instead, so that old tickets still show them.
  enum class FieldRemoval { kDeleted, kDeactivated };
  /// Error kNotFound for an unknown id.
  virtual core::Result<FieldRemoval> remove_field(core::FieldId field) = 0;
};

}  // namespace gongdan::domain
