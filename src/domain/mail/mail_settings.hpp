#pragma once

#include <cstdint>
#include <string>

namespace gongdan::domain {

/// How outgoing mail leaves: an SMTP server. An empty url means mail stays queued.
struct SmtpSettings {
  std::string url;           // smtp://host:587 (STARTTLS when offered), smtps://host:465 (implicit TLS)
  std::string username;      // empty: no AUTH
  std::string password;      // never returned by the API, never logged
  bool require_tls = false;  // refuse to send when STARTTLS is not offered
  std::string from_email = "support@example.com";
  std::string from_name = "Gongdan";
};

/// Where incoming mail is fetched from: an IMAP mailbox, polled. An empty url means no polling
/// (an MTA pipe into `gongdan mail-in` works without it).
struct ImapSettings {
  std::string url;  // imaps://host/INBOX or imap://host:143/INBOX
  std::string username;
  std::string password;  // never returned by the API, never logged
  int poll_seconds = 60;
};

/// Everything an admin can change about mail.
struct MailSettings {
  SmtpSettings smtp;
  ImapSettings imap;
};

}  // namespace gongdan::domain
