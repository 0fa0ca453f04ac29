#include "storage/sqlite/sqlite_catalog_repository.hpp"

namespace gongdan::storage {
namespace {

using sqlite::Connection;

constexpr std::string_view kSelectCategory = "SELECT id, name_zh, name_en, position, active FROM categories ";

domain::Category read_category(const sqlite::Statement& row) {
  return domain::Category{core::CategoryId{row.int64(0)}, row.text(1), row.text(2), row.int32(3), row.boolean(4)};
}

}  // namespace

std::vector<domain::Category> SqliteCatalogRepository::categories() {
  auto found = store_.read([](Connection& db) {
    auto query = db.cached(std::string(kSelectCategory) + "WHERE active = 1 ORDER BY position, id");
    std::vector<domain::Category> list;
    while (query->step()) list.push_back(read_category(*query));
    return list;
  });
  return found.ok() ? std::move(found).value() : std::vector<domain::Category>{};
}

std::optional<domain::Category> SqliteCatalogRepository::find_category(core::CategoryId id) {
  auto found = store_.read([&](Connection& db) -> std::optional<domain::Category> {
    auto query = db.cached(std::string(kSelectCategory) + "WHERE id = ?");
    if (!query->bind(1, id.value).step()) return std::nullopt;
    return read_category(*query);
  });
  return found.ok() ? std::move(found).value() : std::nullopt;
}

core::Result<domain::Category> SqliteCatalogRepository::add_category(const std::string& name_zh,
                                                                     const std::string& name_en) {
  return store_.write([&](Connection& db) -> core::Result<domain::Category> {
    auto last = db.cached("SELECT COALESCE(MAX(position), 0) FROM categories");
    last->step();
    const int position = last->int32(0) + 1;
    auto insert = db.cached("INSERT INTO categories (name_zh, name_en, position, active) VALUES (?, ?, ?, 1)");
    insert->bind_all(name_zh, name_en, position).run();
    return domain::Category{core::CategoryId{db.last_insert_id()}, name_zh, name_en, position, true};
  });
}

std::vector<domain::Article> SqliteCatalogRepository::articles(domain::Locale locale) {
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

}  // namespace gongdan::storage
