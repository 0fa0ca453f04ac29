#include "mail/outbound/outbox_mail_composer.hpp"

#include <cctype>
#include <string>

#include "mail/outbound/mime_encoding.hpp"
#include "mail/outbound/mime_message.hpp"

namespace gongdan::mail {
namespace {

// scheme://[user@]host[:port][/path] → host; an IPv6 literal keeps its brackets, which is also
// the RFC 5322 form of an address literal on the right of a Message-ID.
std::string host_of(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.empty() && url.front() == '[') {
    url = url.substr(0, url.find(']') + 1);
  } else {
    url = url.substr(0, url.find(':'));
  }
  std::string host;
  for (char c : url) {
    // Only characters valid in a dot-atom or address literal: the host ends up inside headers.
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '[' || c == ']' || c == ':') {
      host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return host.empty() ? "localhost" : host;
}

// Subjects are one line: a value with a newline must not produce a second one.
std::string one_line(std::string_view text) { return sanitize_header_text(text); }

}  // namespace

OutboxMailComposer::OutboxMailComposer(const domain::TemplateEngine& engine, std::string public_url)
    : engine_(engine), public_url_(std::move(public_url)), host_(host_of(public_url_)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

domain::WireMessage OutboxMailComposer::compose(const domain::OutboxEntry& entry,
                                                const domain::MailTemplate& mail_template,
                                                const domain::SmtpSettings& smtp) const {
  const domain::OutgoingMail& mail = entry.mail;
  domain::MailValues values = mail.values;
  // The site's own values, unless the use case set them (emplace keeps an existing one).
  values.values.emplace("site.url", public_url_);
  values.values.emplace("site.name", smtp.from_name);
  values.values.emplace("support.email", smtp.from_email);

  MimeMessage message;
  message.message_id = "<o" + std::to_string(entry.id.value) + "." +
                       std::to_string(core::to_epoch_ms(entry.created_at)) + "@" + host_ + ">";
  message.date = entry.created_at;
  message.from = {smtp.from_name, smtp.from_email};
  message.to = {mail.to_name, mail.to_email};
  message.subject = one_line(engine_.render(mail_template.subject, values, false));
  message.text = engine_.render(mail_template.text, values, false);
  message.html = engine_.render(mail_template.html, values, true);
  if (mail.ticket_number && !mail.ticket_number->empty()) {
    message.thread_id = "<ticket." + *mail.ticket_number + "@" + host_ + ">";
    message.ticket_number = *mail.ticket_number;
  }
  if (domain::is_notification(mail.kind)) {
    message.list_unsubscribe = "<mailto:" + smtp.from_email + "?subject=unsubscribe>";
  }
  return {smtp.from_email, mail.to_email, build_mime_message(message)};
}

}  // namespace gongdan::mail
