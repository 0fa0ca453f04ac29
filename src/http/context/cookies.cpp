#include "http/context/cookies.hpp"

#include <fmt/format.h>

#include "http/text.hpp"

namespace gongdan::http {

void Cookies::parse(std::string_view header) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    const std::string_view piece = trim_spaces(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = piece.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    const std::string_view name = trim_spaces(piece.substr(0, eq));
    std::string_view value = trim_spaces(piece.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (name.empty()) continue;
    items_.emplace_back(std::string(name), std::string(value));
  }
}

std::optional<std::string_view> Cookies::get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string set_cookie_header(std::string_view name, std::string_view value, const CookieAttributes& attributes) {
  std::string header = fmt::format("{}={}; Path=/; Max-Age={}; SameSite=Lax", name, value, attributes.max_age.count());
  if (attributes.http_only) header += "; HttpOnly";
  if (attributes.secure) header += "; Secure";
  return header;
}

}  // namespace gongdan::http
