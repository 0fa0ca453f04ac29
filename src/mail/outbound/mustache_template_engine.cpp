#include "mail/outbound/mustache_template_engine.hpp"

#include <map>
#include <string>

#include <kainjow/mustache.hpp>

namespace gongdan::mail {
namespace {

namespace mustache = kainjow::mustache;

// An empty string is true in Mustache; mail texts want `{{#reply_by}}` to hide an empty value.
mustache::data leaf(const std::string& value, bool html) {
  if (value.empty()) return mustache::data{false};
  return mustache::data{html ? escape_html(value) : value};
}

// Dotted names become nested objects: `ticket.number` is {"ticket": {"number": value}}.
mustache::data to_object(const std::map<std::string, std::string>& values, bool html) {
  mustache::data object;
  std::map<std::string, std::map<std::string, std::string>> nested;
  for (const auto& [name, value] : values) {
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) {
      object.set(name, leaf(value, html));
    } else {
      nested[name.substr(0, dot)][name.substr(dot + 1)] = value;
    }
  }
  // A name that is both a value and a prefix (`ticket` and `ticket.number`) keeps the object.
  for (const auto& [head, rest] : nested) object.set(head, to_object(rest, html));
  return object;
}

mustache::data to_data(const domain::MailValues& values, bool html) {
  mustache::data root = to_object(values.values, html);
  if (!values.tickets.empty()) {
    mustache::data rows{mustache::data::type::list};
    for (const auto& ticket : values.tickets) rows.push_back(to_object(ticket, html));
    root.set("tickets", rows);
  }
  return root;
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

core::Status MustacheTemplateEngine::check(std::string_view field, std::string_view text) const {
  const mustache::mustache tmpl{std::string(text)};
  if (tmpl.is_valid()) return core::ok_status();
  return core::Error::field(std::string(field), "template_syntax", tmpl.error_message());
}

std::string MustacheTemplateEngine::render(std::string_view text, const domain::MailValues& values, bool html) const {
  mustache::mustache tmpl{std::string(text)};
  // Values are escaped once, above, for HTML; `{{{…}}}` then cannot smuggle markup in either.
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(to_data(values, html));
  // A text that does not parse renders as itself: check() refuses such texts before they are
  // saved, and a mail with visible braces beats a mail that is never sent.
  if (!tmpl.is_valid()) return std::string(text);
  return out;
}

}  // namespace gongdan::mail
