#include "storage/repositories/sql_macro_repository.hpp"

#include <algorithm>

namespace gongdan::storage {
namespace {

using sql::Connection;
using sql::Statement;

constexpr std::string_view kSelectMacro =
    "SELECT id, owner_user_id, title, body, internal, set_status, set_priority, add_tags, created_at, updated_at "
    "FROM macros ";

// Tags never hold commas (domain::normalize_macro_tag), so a comma list splits back exactly.
std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) out += (out.empty() ? "" : ",") + tag;
  return out;
}

std::vector<std::string> split_tags(const std::string& text) {
  std::vector<std::string> tags;
  for (std::size_t start = 0; start < text.size();) {
    const auto comma = std::min(text.find(',', start), text.size());
    tags.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return tags;
}

std::optional<std::string> status_text(const std::optional<domain::Status>& status) {
  return status ? std::optional<std::string>(domain::to_string(*status)) : std::nullopt;
}

std::optional<std::string> priority_text(const std::optional<domain::Priority>& priority) {
  return priority ? std::optional<std::string>(domain::to_string(*priority)) : std::nullopt;
}

domain::Macro read_macro(const Statement& row) {
  domain::Macro macro;
  macro.id = domain::MacroId{row.int64(0)};
  if (const auto owner = row.optional_int64(1)) macro.owner = core::UserId{*owner};
  macro.title = row.text(2);
  macro.body = row.text(3);
  macro.internal = row.boolean(4);
  // A name this program does not know changes nothing rather than something unintended.
  if (const auto status = row.optional_text(5)) macro.actions.status = domain::parse_status(*status);
  if (const auto priority = row.optional_text(6)) macro.actions.priority = domain::parse_priority(*priority);
  macro.actions.add_tags = split_tags(row.text(7));
  macro.created_at = core::from_epoch_ms(row.int64(8));
  macro.updated_at = core::from_epoch_ms(row.int64(9));
  return macro;
}

}  // namespace

core::Result<std::vector<domain::Macro>> SqlMacroRepository::usable_by(core::UserId user) {
  return store_.read([&](Connection& db) {
    auto query =
        db.cached(std::string(kSelectMacro) + "WHERE owner_user_id IS NULL OR owner_user_id = ? ORDER BY title, id");
    query->bind_all(user.value);
    std::vector<domain::Macro> list;
    while (query->step()) list.push_back(read_macro(*query));
    return list;
  });
}

core::Result<std::optional<domain::Macro>> SqlMacroRepository::find(domain::MacroId id) {
  return store_.read([&](Connection& db) {
    auto query = db.cached(std::string(kSelectMacro) + "WHERE id = ?");
    query->bind_all(id.value);
    return query->step() ? std::optional<domain::Macro>(read_macro(*query)) : std::nullopt;
  });
}

core::Result<domain::Macro> SqlMacroRepository::create(const domain::Macro& macro) {
  return store_.write([&](Connection& db) -> core::Result<domain::Macro> {
    const auto owner = macro.owner ? std::optional<std::int64_t>(macro.owner->value) : std::nullopt;
    auto insert = db.cached(
        "INSERT INTO macros (owner_user_id, title, body, internal, set_status, set_priority, add_tags, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert
        ->bind_all(owner, macro.title, macro.body, macro.internal, status_text(macro.actions.status),
                   priority_text(macro.actions.priority), join_tags(macro.actions.add_tags),
                   core::to_epoch_ms(macro.created_at), core::to_epoch_ms(macro.updated_at))
        .step();
    domain::Macro stored = macro;
    stored.id = domain::MacroId{insert->int64(0)};
    return stored;
  });
}

core::Result<domain::Macro> SqlMacroRepository::update(const domain::Macro& macro) {
  return store_.write([&](Connection& db) -> core::Result<domain::Macro> {
    db.cached(
          "UPDATE macros SET title = ?, body = ?, internal = ?, set_status = ?, set_priority = ?, add_tags = ?, "
          "updated_at = ? WHERE id = ?")
        ->bind_all(macro.title, macro.body, macro.internal, status_text(macro.actions.status),
                   priority_text(macro.actions.priority), join_tags(macro.actions.add_tags),
                   core::to_epoch_ms(macro.updated_at), macro.id.value)
        .run();
    if (db.changes() == 0) return core::Error::not_found("No such macro.");
    return macro;
  });
}

core::Status SqlMacroRepository::remove(domain::MacroId id) {
  return store_.write([&](Connection& db) -> core::Status {
    db.cached("DELETE FROM macros WHERE id = ?")->bind_all(id.value).run();
    if (db.changes() == 0) return core::Error::not_found("No such macro.");
    return core::ok_status();
  });
}

}  // namespace gongdan::storage
