#include "domain/macros/placeholders.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include "core/utf8.hpp"

namespace gongdan::domain {
namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

const std::string* value_of(std::string_view name, const PlaceholderValues& values) {
  if (name == "customer.name") return &values.customer_name;
  if (name == "customer.email") return &values.customer_email;
  if (name == "ticket.number") return &values.ticket_number;
  if (name == "ticket.subject") return &values.ticket_subject;
  if (name == "agent.name") return &values.agent_name;
  return nullptr;
}

bool known(std::string_view name) {
  return std::find(kMacroPlaceholders.begin(), kMacroPlaceholders.end(), name) != kMacroPlaceholders.end();
}

// Walks `text`, handing each stretch of plain text and each `{{...}}` to the callbacks. `tag` gets
// the whole placeholder as written and the trimmed name inside; an unclosed `{{` reaches `tag` with
// everything from it to the end and no name.
void scan(std::string_view text, const std::function<void(std::string_view)>& plain,
          const std::function<void(std::string_view, std::optional<std::string_view>)>& tag) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find(kOpen, at);
    if (open == std::string_view::npos) break;
    plain(text.substr(at, open - at));
    const auto close = text.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) {
      tag(text.substr(open), std::nullopt);
      return;
    }
    const auto inner = text.substr(open + kOpen.size(), close - open - kOpen.size());
    tag(text.substr(open, close + kClose.size() - open), core::trim(inner));
    at = close + kClose.size();
  }
  if (at < text.size()) plain(text.substr(at));
}

}  // namespace

std::vector<std::string> unknown_placeholders(std::string_view text) {
  std::vector<std::string> unknown;
  scan(
      text, [](std::string_view) {},
      [&unknown](std::string_view written, std::optional<std::string_view> name) {
        if (name && known(*name)) return;
        std::string shown(core::utf8_prefix(written, 40));  // enough to find the typo, not a wall of text
        if (std::find(unknown.begin(), unknown.end(), shown) == unknown.end()) unknown.push_back(std::move(shown));
      });
  return unknown;
}

std::string render_placeholders(std::string_view text, const PlaceholderValues& values) {
  std::string out;
  out.reserve(text.size());
  scan(
      text, [&out](std::string_view plain) { out += plain; },
      [&](std::string_view written, std::optional<std::string_view> name) {
        const std::string* value = name ? value_of(*name, values) : nullptr;
        out += value ? std::string_view(*value) : written;
      });
  return out;
}

}  // namespace gongdan::domain
