#pragma once

#include <string>

#include "core/time.hpp"
#include "domain/mail/outgoing_mail.hpp"

namespace gongdan::storage::testing {

/// A mail as a use case would decide it, carrying a secret `link` value.
inline domain::OutgoingMail sample_mail(const std::string& to, domain::MailKind kind = domain::MailKind::kTicketLink) {
  domain::OutgoingMail mail;
  mail.kind = kind;
  mail.to_email = to;
  mail.to_name = "李雷";
  mail.locale = domain::Locale::kZhCn;
  mail.values.values = {{"name", "李雷"}, {"link", "https://help.example.com/tickets/x#link=secret"}};
  return mail;
}

/// A ticket link with the given token digest, valid for a day from `at`.
inline domain::NewAccessLink sample_link(const std::string& digest, core::Timestamp at) {
  domain::NewAccessLink link;
  link.purpose = domain::LinkPurpose::kTicket;
  link.token_digest = digest;
  link.email = "guest@example.com";
  link.created_at = at;
  link.expires_at = at + std::chrono::hours(24);
  return link;
}

}  // namespace gongdan::storage::testing
