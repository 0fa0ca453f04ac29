#include "domain/macros/macro.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "domain/agents/ticket_tags.hpp"
#include "domain/macros/placeholders.hpp"
#include "domain/validation.hpp"

namespace gongdan::domain {

std::string_view to_string(MacroScope scope) { return scope == MacroScope::kShared ? "shared" : "personal"; }

std::optional<MacroScope> parse_macro_scope(std::string_view text) {
  if (text == "personal") return MacroScope::kPersonal;
  if (text == "shared") return MacroScope::kShared;
  return std::nullopt;
}

core::Result<Macro> check_macro_draft(const MacroDraft& draft, const MacroLimits& limits) {
  std::vector<core::FieldError> errors;
  Macro macro;
  if (auto e = check_text("title", draft.title, MacroLimits::kMaxTitleChars)) errors.push_back(*e);
  macro.title = std::string(core::trim(draft.title));
  if (auto e = check_text("body", draft.body, limits.max_body_chars, Presence::kRequired, true)) {
    errors.push_back(*e);
  } else if (const auto unknown = unknown_placeholders(draft.body); !unknown.empty()) {
    std::string names;
    for (const auto& name : unknown) names += (names.empty() ? "" : ", ") + name;
    errors.push_back({"body", "unknown_placeholder", "Unknown placeholder: " + names});
  }
  macro.body = draft.body;
  macro.internal = draft.internal;
  if (draft.status) {
    macro.actions.status = parse_status(*draft.status);
    if (!macro.actions.status)
      errors.push_back({"actions.status", "invalid", "One of new, open, pending, resolved, closed."});
  }
  if (draft.priority) {
    macro.actions.priority = parse_priority(*draft.priority);
    if (!macro.actions.priority) errors.push_back({"actions.priority", "invalid", "One of low, normal, high, urgent."});
  }
  if (draft.add_tags.size() > MacroLimits::kMaxTags) {
    errors.push_back({"actions.add_tags", "too_many", "At most " + std::to_string(MacroLimits::kMaxTags) + " tags."});
  } else {
    for (std::size_t i = 0; i < draft.add_tags.size(); ++i) {
      auto tag = normalize_tag(draft.add_tags[i]);
      if (!tag) {
        errors.push_back({"actions.add_tags[" + std::to_string(i) + "]", "invalid",
                          "Tags are 1 to 40 characters without spaces or commas."});
      } else if (std::find(macro.actions.add_tags.begin(), macro.actions.add_tags.end(), *tag) ==
                 macro.actions.add_tags.end()) {
        macro.actions.add_tags.push_back(std::move(*tag));
      }
    }
  }
  if (!errors.empty()) return core::Error::validation(std::move(errors));
  return macro;
}

}  // namespace gongdan::domain
