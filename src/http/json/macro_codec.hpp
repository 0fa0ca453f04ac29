#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/macros/macro_service.hpp"

namespace gongdan::http {

/// `{title, body, internal?, scope?, actions?: {status?, priority?, add_tags?}}` of the macro
/// endpoints; the use case checks presence, lengths and names.
core::Result<domain::MacroDraft> decode_macro_draft(const nlohmann::json& body);

/// `editable`: whether the reader may change or delete it (the page shows the buttons or not).
nlohmann::json macro_json(const domain::Macro& macro, bool editable);
/// `{macro, body, internal, actions}`: the reply the macro would post, ready for the reply box.
nlohmann::json macro_preview_json(const domain::MacroPreview& preview, bool editable);

}  // namespace gongdan::http
