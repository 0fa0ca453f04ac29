#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
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
};

}  // namespace gongdan::domain
