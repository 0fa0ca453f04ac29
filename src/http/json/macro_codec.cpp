#include "http/json/macro_codec.hpp"

#include <string>
#include <vector>

#include "http/json/field_reader.hpp"

namespace gongdan::http {
namespace {

nlohmann::json actions_json(const domain::MacroActions& actions) {
  return {{"status", actions.status ? nlohmann::json(domain::to_string(*actions.status)) : nlohmann::json()},
          {"priority", actions.priority ? nlohmann::json(domain::to_string(*actions.priority)) : nlohmann::json()},
          {"add_tags", actions.add_tags}};
}

// `add_tags`: an array of strings; anything else is `invalid_type` on the array or the item.
std::vector<std::string> read_tags(const nlohmann::json& actions, std::vector<core::FieldError>& errors) {
  std::vector<std::string> tags;
  const auto it = actions.find("add_tags");
  if (it == actions.end() || it->is_null()) return tags;
  if (!it->is_array()) {
    errors.push_back({"actions.add_tags", "invalid_type", "Must be an array of strings."});
    return tags;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    if (!item.is_string()) {
      errors.push_back({"actions.add_tags[" + std::to_string(i) + "]", "invalid_type", "Must be a string."});
      continue;
    }
    tags.push_back(item.get<std::string>());
  }
  return tags;
}

}  // namespace

core::Result<domain::MacroDraft> decode_macro_draft(const nlohmann::json& body) {
  std::vector<core::FieldError> errors;
  FieldReader reader(body, "", errors);
  domain::MacroDraft draft;
  draft.title = reader.string("title").value_or("");
  draft.body = reader.string("body").value_or("");
  draft.internal = reader.boolean("internal").value_or(false);
  draft.scope = reader.string("scope");
  if (auto actions = reader.object("actions")) {
    draft.status = actions->string("status");
    draft.priority = actions->string("priority");
    draft.add_tags = read_tags(body.at("actions"), errors);
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return draft;
}

nlohmann::json macro_json(const domain::Macro& macro, bool editable) {
  return {{"id", macro.id.value},
          {"title", macro.title},
          {"body", macro.body},
          {"scope", domain::to_string(macro.shared() ? domain::MacroScope::kShared : domain::MacroScope::kPersonal)},
          {"internal", macro.internal},
          {"actions", actions_json(macro.actions)},
          {"editable", editable},
          {"created_at", core::format_rfc3339(macro.created_at)},
          {"updated_at", core::format_rfc3339(macro.updated_at)}};
}

nlohmann::json macro_preview_json(const domain::MacroPreview& preview, bool editable) {
  return {{"macro", macro_json(preview.macro, editable)},
          {"body", preview.body},
          {"internal", preview.macro.internal},
          {"actions", actions_json(preview.macro.actions)}};
}

}  // namespace gongdan::http
