#pragma once

#include <string>
#include <string_view>

namespace gongdan::mail {

/// Reduces HTML mail to plain text: tags removed (script, style and head with their content),
/// entities decoded, a line break for <br> and at block elements (p, div, li, tr, headings,
/// blockquote), runs of white space collapsed, at most one blank line in a row.
std::string html_to_text(std::string_view html);

}  // namespace gongdan::mail
