#pragma once

#include <string>

#include "app/composition.hpp"

namespace CLI {
class App;
}

namespace gongdan::app {

/// Mail options shared by `serve` and `mail-in`, from the command line or the config file's
/// [serve] / [mail-in] section (`--config gongdan.toml`; keys are the option names).
struct MailCliOptions {
  std::string public_url;  // empty: http://<listen>
  std::string smtp;
  std::string smtp_username;
  std::string smtp_password;
  bool smtp_require_tls = false;
  std::string smtp_from = "support@example.com";
  std::string smtp_from_name = "Gongdan";
  std::string imap;
  std::string imap_username;
  std::string imap_password;
  int imap_poll_seconds = 60;
  int link_days = 30;
  int outbox_poll_ms = 1000;
  int outbox_retry_base_ms = 30'000;
};

void add_mail_options(CLI::App& command, MailCliOptions& options);
/// The composition's mail options; `listen` (HOST:PORT) gives the default public URL.
MailOptions to_mail_options(const MailCliOptions& options, const std::string& listen);

}  // namespace gongdan::app
