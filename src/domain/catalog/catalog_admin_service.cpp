#include "domain/catalog/catalog_admin_service.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {
namespace {

core::Status require_admin(const Actor& actor) {
  if (!actor.user) return core::Error::unauthenticated();
  if (actor.user->role != Role::kAdmin) {
    return core::Error::forbidden("Only administrators may change categories and fields.");
  }
  return core::ok_status();
}

std::optional<core::FieldError> check_position(const std::optional<std::int64_t>& position) {
  if (position && (*position < 0 || *position > FieldLimits::kMaxPosition)) {
    return core::FieldError{"position", "invalid", "Between 0 and 100000."};
  }
  return std::nullopt;
}

template <typename T>
int next_position(const std::vector<T>& list) {
  int last = 0;
  for (const T& item : list) last = std::max(last, item.position);
  return std::min(last + 1, FieldLimits::kMaxPosition);
}

std::string trimmed(const std::string& text) { return std::string(core::trim(text)); }

}  // namespace

core::Result<std::vector<Category>> CatalogAdminService::categories(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  return catalog_.all_categories();
}

core::Result<Category> CatalogAdminService::existing_category(const Actor& actor, core::CategoryId id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  auto category = catalog_.find_category(id);
  if (!category) return core::Error::not_found("No such category.");
  return std::move(*category);
}

core::Result<Category> CatalogAdminService::create_category(const Actor& actor, const CategoryDraft& draft) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.take_error();
  std::vector<core::FieldError> errors;
  if (auto e = check_text("name_zh", draft.name_zh, kMaxCategoryNameChars)) errors.push_back(*e);
  if (auto e = check_text("name_en", draft.name_en, kMaxCategoryNameChars)) errors.push_back(*e);
  if (auto e = check_position(draft.position)) errors.push_back(*e);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  const auto existing = catalog_.all_categories();
  if (existing.size() >= kMaxCategories) {
    return core::Error::conflict("too_many", "At most 200 categories; deactivate or rename one instead.");
  }
  Category category{{},
                    trimmed(draft.name_zh),
                    trimmed(draft.name_en),
                    draft.position ? static_cast<int>(*draft.position) : next_position(existing),
                    draft.active.value_or(true)};
  return catalog_.save_category(category);
}

core::Result<Category> CatalogAdminService::update_category(const Actor& actor, core::CategoryId id,
                                                            const CategoryDraft& draft) {
  auto category = existing_category(actor, id);
  if (!category) return category.take_error();
  std::vector<core::FieldError> errors;
  if (auto e = check_text("name_zh", draft.name_zh, kMaxCategoryNameChars)) errors.push_back(*e);
  if (auto e = check_text("name_en", draft.name_en, kMaxCategoryNameChars)) errors.push_back(*e);
  if (auto e = check_position(draft.position)) errors.push_back(*e);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  category->name_zh = trimmed(draft.name_zh);
  category->name_en = trimmed(draft.name_en);
  if (draft.position) category->position = static_cast<int>(*draft.position);
  if (draft.active) category->active = *draft.active;
  return catalog_.save_category(*category);
}

core::Result<std::vector<FieldDefinition>> CatalogAdminService::fields(const Actor& actor, core::CategoryId category) {
  auto found = existing_category(actor, category);
  if (!found) return found.take_error();
  return catalog_.field_definitions(category);
}

core::Result<FieldDefinition> CatalogAdminService::save_checked(FieldDefinition field,
                                                                const std::vector<FieldDefinition>& siblings) {
  auto errors = check_definition(field, siblings);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return catalog_.save_field(field);
}

core::Result<FieldDefinition> CatalogAdminService::create_field(const Actor& actor, core::CategoryId category,
                                                                const FieldDraft& draft) {
  auto found = existing_category(actor, category);
  if (!found) return found.take_error();
  std::vector<core::FieldError> errors;
  if (!draft.key || draft.key->empty()) errors.push_back({"key", "required", "Required."});
  std::optional<FieldType> type;
  if (!draft.type || draft.type->empty()) {
    errors.push_back({"type", "required", "Required."});
  } else if (type = parse_field_type(*draft.type); !type) {
    errors.push_back({"type", "invalid", "One of text, number, dropdown, checkbox, date."});
  }
  if (auto e = check_position(draft.position)) errors.push_back(*e);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  const auto siblings = catalog_.field_definitions(category);
  if (siblings.size() >= FieldLimits::kMaxFieldsPerCategory) {
    return core::Error::conflict("too_many", "At most 30 fields per category; remove one first.");
  }
  FieldDefinition field{{},
                        category,
                        *draft.key,
                        trimmed(draft.label_zh),
                        trimmed(draft.label_en),
                        *type,
                        draft.required,
                        draft.options,
                        draft.position ? static_cast<int>(*draft.position) : next_position(siblings),
                        draft.active.value_or(true)};
  return save_checked(std::move(field), siblings);
}

core::Result<FieldDefinition> CatalogAdminService::update_field(const Actor& actor, core::CategoryId category,
                                                                core::FieldId id, const FieldDraft& draft) {
  auto found = existing_category(actor, category);
  if (!found) return found.take_error();
  const auto siblings = catalog_.field_definitions(category);
  const auto it = std::find_if(siblings.begin(), siblings.end(), [&](const FieldDefinition& f) { return f.id == id; });
  if (it == siblings.end()) return core::Error::not_found("No such field in this category.");
  FieldDefinition field = *it;
  // Stored values are read by key and type; changing either would silently change their meaning.
  std::vector<core::FieldError> errors;
  if (draft.key && *draft.key != field.key) {
    errors.push_back({"key", "immutable", "The key cannot change; add a new field instead."});
  }
  if (draft.type && *draft.type != to_string(field.type)) {
    errors.push_back({"type", "immutable", "The type cannot change; add a new field instead."});
  }
  if (auto e = check_position(draft.position)) errors.push_back(*e);
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  field.label_zh = trimmed(draft.label_zh);
  field.label_en = trimmed(draft.label_en);
  field.required = draft.required;
  field.options = draft.options;
  if (draft.position) field.position = static_cast<int>(*draft.position);
  if (draft.active) field.active = *draft.active;
  return save_checked(std::move(field), siblings);
}

core::Result<CatalogRepository::FieldRemoval> CatalogAdminService::remove_field(const Actor& actor,
                                                                                core::CategoryId category,
                                                                                core::FieldId id) {
  auto found = existing_category(actor, category);
  if (!found) return found.take_error();
  const auto siblings = catalog_.field_definitions(category);
  if (std::none_of(siblings.begin(), siblings.end(), [&](const FieldDefinition& f) { return f.id == id; })) {
    return core::Error::not_found("No such field in this category.");
  }
  return catalog_.remove_field(id);
}

}  // namespace gongdan::domain
