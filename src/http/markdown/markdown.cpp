#include "http/markdown/markdown.hpp"

#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace gongdan::http {

std::string render_markdown(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe since cmark-gfm 0.29; never add CMARK_OPT_UNSAFE: articles are
  // admin-written, but an admin account is not a licence to run script in customers' browsers.
  const std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT), &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace gongdan::http
