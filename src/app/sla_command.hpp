#pragma once

#include <iosfwd>
#include <string>

#include "app/mail_options.hpp"

namespace gongdan::app {

/// Options of `gongdan sla check`.
struct SlaCheckOptions {
  std::string data_dir = "./data";
  std::string now;                        // RFC 3339; empty: the current time
  std::string listen = "127.0.0.1:8080";  // only to default the public URL in breach mails, as `serve` does
  MailCliOptions mail;
};

/// Runs one pass of the SLA escalation job (docs/sla.md "Escalation") at `now` and prints one
/// JSON line: {"checked": N, "warnings": W, "breaches": B}. Returns the exit code.
int run_sla_check(const SlaCheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gongdan::app
