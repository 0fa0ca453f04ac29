#include "storage/repositories/sql_catalog_repository.hpp"

#include "storage/repositories/field_rows.hpp"
#include "storage/repositories/ticket_inserts.hpp"

namespace gongdan::storage {
namespace {

using sql::Connection;

constexpr std::string_view kSelectCategory = "SELECT id, name_zh, name_en, position, active FROM categories ";

domain::Category read_category(const sql::Statement& row) {
  return domain::Category{core::CategoryId{row.int64(0)}, row.text(1), row.text(2), row.int32(3), row.boolean(4)};
}

}  // namespace

std::vector<domain::Category> SqlCatalogRepository::categories() {
  auto found = store_.read([](Connection& db) {
    auto query = db.cached(std::string(kSelectCategory) + "WHERE active = 1 ORDER BY position, id");
    std::vector<domain::Category> list;
    while (query->step()) list.push_back(read_category(*query));
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Category>{};
}

std::optional<domain::Category> SqlCatalogRepository::find_category(core::CategoryId id) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::Category> {
    auto query = db.cached(std::string(kSelectCategory) + "WHERE id = ?");
    if (!query->bind(1, id.value).step()) return std::nullopt;
    return read_category(*query);
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::Category> SqlCatalogRepository::add_category(const std::string& name_zh,
                                                                  const std::string& name_en) {
  return store_.write([&](Connection& db) -> core::Result<domain::Category> {
    auto last = db.cached("SELECT COALESCE(MAX(position), 0) FROM categories");
    last->step();
    const int position = last->int32(0) + 1;
    auto insert =
        db.cached("INSERT INTO categories (name_zh, name_en, position, active) VALUES (?, ?, ?, 1) RETURNING id");
    insert->bind_all(name_zh, name_en, position);
    return domain::Category{core::CategoryId{returned_id(*insert)}, name_zh, name_en, position, true};
  });
}

std::vector<domain::Article> SqlCatalogRepository::articles(domain::Locale locale) {
  auto found = store_.read([&](Connection& db) {
    auto query = db.cached(
        "SELECT id, slug, locale, title, body_markdown, category, position FROM articles WHERE locale = ? "
        "ORDER BY position, id");
    query->bind(1, domain::to_string(locale));
    std::vector<domain::Article> list;
    while (query->step()) {
      list.push_back(domain::Article{query->int64(0), query->text(1),
                                     domain::parse_locale(query->text(2)).value_or(locale), query->text(3),
                                     query->text(4), query->text(5), query->int32(6)});
    }
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Article>{};
}

std::vector<domain::Category> SqlCatalogRepository::all_categories() {
  auto found = store_.read([](Connection& db) {
    auto query = db.cached(std::string(kSelectCategory) + "ORDER BY position, id");
    std::vector<domain::Category> list;
    while (query->step()) list.push_back(read_category(*query));
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Category>{};
}

core::Result<domain::Category> SqlCatalogRepository::save_category(const domain::Category& category) {
  return store_.write([&](Connection& db) -> core::Result<domain::Category> {
    if (category.id.value == 0) {
      auto insert =
          db.cached("INSERT INTO categories (name_zh, name_en, position, active) VALUES (?, ?, ?, ?) RETURNING id");
      insert->bind_all(category.name_zh, category.name_en, category.position, category.active);
      domain::Category saved = category;
      saved.id = core::CategoryId{returned_id(*insert)};
      return saved;
    }
    auto update = db.cached("UPDATE categories SET name_zh = ?, name_en = ?, position = ?, active = ? WHERE id = ?");
    update->bind_all(category.name_zh, category.name_en, category.position, category.active, category.id.value).run();
    if (db.changes() == 0) return core::Error::not_found("No such category.");
    return category;
  });
}

std::vector<domain::FieldDefinition> SqlCatalogRepository::field_definitions(core::CategoryId category) {
  auto found = store_.read([&](Connection& db) { return category_field_definitions(db, category); });
  return found.ok() ? std::move(found).value() : std::vector<domain::FieldDefinition>{};
}

std::vector<domain::FieldDefinition> SqlCatalogRepository::active_fields() {
  auto found = store_.read([](Connection& db) { return active_field_definitions(db); });
  return found.ok() ? std::move(found).value() : std::vector<domain::FieldDefinition>{};
}

core::Result<domain::FieldDefinition> SqlCatalogRepository::save_field(const domain::FieldDefinition& field) {
  return store_.write([&](Connection& db) -> core::Result<domain::FieldDefinition> {
    domain::FieldDefinition saved = field;
    if (field.id.value == 0) {
      // Checked here too: the domain's check read the keys before this write job ran.
      auto taken = db.cached("SELECT 1 FROM category_fields WHERE category_id = ? AND field_key = ?");
      if (taken->bind_all(field.category_id.value, field.key).step()) {
        return core::Error::field("key", "taken", "Another field of this category has this key.");
      }
      auto insert = db.cached(
          "INSERT INTO category_fields (category_id, field_key, label_zh, label_en, type, required, position, active) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      insert->bind_all(field.category_id.value, field.key, field.label_zh, field.label_en,
                       domain::to_string(field.type), field.required, field.position, field.active);
      saved.id = core::FieldId{returned_id(*insert)};
    } else {
      // Key, type and category never change (see domain::FieldDefinition).
      auto update = db.cached(
          "UPDATE category_fields SET label_zh = ?, label_en = ?, required = ?, position = ?, active = ? WHERE id = ?");
      update->bind_all(field.label_zh, field.label_en, field.required, field.position, field.active, field.id.value)
          .run();
      if (db.changes() == 0) return core::Error::not_found("No such field.");
      auto clear = db.cached("DELETE FROM category_field_options WHERE field_id = ?");
      clear->bind(1, field.id.value).run();
    }
    for (std::size_t i = 0; i < field.options.size(); ++i) {
      const auto& o = field.options[i];
      auto option = db.cached(
          "INSERT INTO category_field_options (field_id, position, value, label_zh, label_en) VALUES (?, ?, ?, ?, ?)");
      option->bind_all(saved.id.value, static_cast<std::int64_t>(i), o.value, o.label_zh, o.label_en).run();
    }
    return saved;
  });
}

core::Result<domain::CatalogRepository::FieldRemoval> SqlCatalogRepository::remove_field(core::FieldId field) {
  return store_.write([&](Connection& db) -> core::Result<FieldRemoval> {
    auto exists = db.cached("SELECT 1 FROM category_fields WHERE id = ?");
    if (!exists->bind(1, field.value).step()) return core::Error::not_found("No such field.");
    exists->reset();
    auto used = db.cached("SELECT EXISTS (SELECT 1 FROM ticket_field_values WHERE field_id = ?)");
    used->bind(1, field.value).step();
    const bool in_use = used->boolean(0);
    used->reset();
    if (in_use) {
      auto deactivate = db.cached("UPDATE category_fields SET active = 0 WHERE id = ?");
      deactivate->bind(1, field.value).run();
      return FieldRemoval::kDeactivated;
    }
    auto options = db.cached("DELETE FROM category_field_options WHERE field_id = ?");
    options->bind(1, field.value).run();
    auto remove = db.cached("DELETE FROM category_fields WHERE id = ?");
    remove->bind(1, field.value).run();
    return FieldRemoval::kDeleted;
  });
}

}  // namespace gongdan::storage
