#pragma once

#include <optional>
#include <string>

#include "domain/mail/outgoing_mail.hpp"

namespace gongdan::domain {

/// The Mustache texts of one mail kind in one language: subject, plain text and HTML.
struct MailTemplate {
  MailKind kind = MailKind::kTestMail;
  Locale locale = Locale::kZhCn;
  std::string subject;
  std::string text;
  std::string html;
  bool customized = false;  // false: the shipped text
  std::optional<core::Timestamp> updated_at;
};

/// The template Gongdan ships for a kind and language (always present).
MailTemplate default_template(MailKind kind, Locale locale);

}  // namespace gongdan::domain
