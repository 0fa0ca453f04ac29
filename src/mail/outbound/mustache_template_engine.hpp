#pragma once

#include "domain/mail/mail_ports.hpp"

namespace gongdan::mail {

/// Renders mail templates with kainjow Mustache. Dotted names (`ticket.number`) are nested objects,
/// `tickets` a list of objects; an empty value counts as false in sections.
class MustacheTemplateEngine final : public domain::TemplateEngine {
 public:
  core::Status check(std::string_view field, std::string_view text) const override;
  /// With `html`, every value is HTML-escaped, even under `{{{…}}}`; without, nothing is.
  std::string render(std::string_view text, const domain::MailValues& values, bool html) const override;
};

/// HTML escaping for text and attribute values: & < > " and ' (as &#39;, which old clients know).
std::string escape_html(std::string_view text);

}  // namespace gongdan::mail
