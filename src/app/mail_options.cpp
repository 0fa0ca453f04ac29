#include "app/mail_options.hpp"

#include <CLI/CLI.hpp>

namespace gongdan::app {

void add_mail_options(CLI::App& command, MailCliOptions& o) {
  command.add_option("--public-url", o.public_url, "Address customers reach Gongdan at, for links in mail");
  command.add_option("--smtp", o.smtp, "Outgoing mail server: smtp://HOST:PORT (STARTTLS if offered) or smtps://");
  command.add_option("--smtp-username", o.smtp_username, "SMTP AUTH user (empty: no AUTH)");
  // Passwords are better kept out of `ps`: use the config file or the environment.
  command.add_option("--smtp-password", o.smtp_password, "SMTP AUTH password")->envname("GONGDAN_SMTP_PASSWORD");
  command.add_flag("--smtp-require-tls", o.smtp_require_tls, "Refuse to send without TLS");
  command.add_option("--smtp-from", o.smtp_from, "From address of Gongdan's mail")->capture_default_str();
  command.add_option("--smtp-from-name", o.smtp_from_name, "From name of Gongdan's mail")->capture_default_str();
  command.add_option("--imap", o.imap, "Mailbox to poll for incoming mail: imaps://HOST/INBOX");
  command.add_option("--imap-username", o.imap_username, "IMAP user");
  command.add_option("--imap-password", o.imap_password, "IMAP password")->envname("GONGDAN_IMAP_PASSWORD");
  command.add_option("--imap-poll-seconds", o.imap_poll_seconds, "Seconds between IMAP polls")
      ->check(CLI::Range(10, 3600))
      ->capture_default_str();
  command.add_option("--link-days", o.link_days, "Days a ticket link in mail keeps working")
      ->check(CLI::Range(1, 365))
      ->capture_default_str();
  command.add_option("--outbox-poll-ms", o.outbox_poll_ms, "How often the outbox sender looks for due mail")
      ->check(CLI::Range(10, 60'000))
      ->capture_default_str();
  command.add_option("--outbox-retry-base-ms", o.outbox_retry_base_ms, "First retry delay of a failed mail, doubling")
      ->check(CLI::Range(10, 3'600'000))
      ->capture_default_str();
}

MailOptions to_mail_options(const MailCliOptions& o, const std::string& listen) {
  MailOptions mail;
  auto& smtp = mail.defaults.smtp;
  smtp.url = o.smtp;
  smtp.username = o.smtp_username;
  smtp.password = o.smtp_password;
  smtp.require_tls = o.smtp_require_tls;
  smtp.from_email = o.smtp_from;
  smtp.from_name = o.smtp_from_name;
  auto& imap = mail.defaults.imap;
  imap.url = o.imap;
  imap.username = o.imap_username;
  imap.password = o.imap_password;
  imap.poll_seconds = o.imap_poll_seconds;
  std::string url = o.public_url.empty() ? "http://" + listen : o.public_url;
  while (url.ends_with('/')) url.pop_back();
  mail.links.public_url = url;
  mail.links.ticket_link_lifetime = std::chrono::hours{24 * o.link_days};
  mail.delivery.retry_base = std::chrono::milliseconds{o.outbox_retry_base_ms};
  return mail;
}

}  // namespace gongdan::app
