#pragma once

#include <string>
#include <string_view>

namespace gongdan::http {

/// Markdown → HTML with cmark-gfm in its default safe mode: raw HTML is dropped and links with
/// javascript:, vbscript:, file: or non-image data: URLs lose their target.
std::string render_markdown(std::string_view markdown);

}  // namespace gongdan::http
