#pragma once

#include "domain/catalog/catalog.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::CatalogRepository on either engine: problem categories and help-center articles.
class SqlCatalogRepository final : public domain::CatalogRepository {
 public:
  explicit SqlCatalogRepository(sql::Store& store) : store_(store) {}

  std::vector<domain::Category> categories() override;
  std::optional<domain::Category> find_category(core::CategoryId id) override;
  core::Result<domain::Category> add_category(const std::string& name_zh, const std::string& name_en) override;
  std::vector<domain::Article> articles(domain::Locale locale) override;
  std::vector<domain::Category> all_categories() override;
  core::Result<domain::Category> save_category(const domain::Category& category) override;
  std::vector<domain::FieldDefinition> field_definitions(core::CategoryId category) override;
  std::vector<domain::FieldDefinition> active_fields() override;
  core::Result<domain::FieldDefinition> save_field(const domain::FieldDefinition& field) override;
  core::Result<FieldRemoval> remove_field(core::FieldId field) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
