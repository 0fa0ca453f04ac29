#include "http/json/macro_codec.hpp"

#include "http/json/field_reader.hpp"

namespace gongdan::http {
namespace {

nlohmann::json actions_json(const domain::MacroActions& actions) {
  return {{"status", actions.status ? nlohmann::json(domain::to_string(*actions.status)) : nlohmann::json()},
          {"priority", actions.priority ? nlohmann::json(domain::to_string(*actions.priority)) : nlohmann::json()},
          {"add_tags", actions.add_tags}};
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
    // One more than allowed reaches the use case, which says `too_many` with the limit.
    draft.add_tags = actions->strings("add_tags", domain::MacroLimits::kMaxTags + 1);
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
