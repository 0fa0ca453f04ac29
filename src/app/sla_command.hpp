#pragma once

#include <iosfwd>
#include <string>

#include "app/mail_options.hpp"
#include "app/storage_options.hpp"

namespace gongdan::app {

/// Options of `gongdan sla check`.
struct SlaCheckOptions {
  StorageCliOptions storage;
  std::string now;                        // RFC 3339; empty: the current time
  bool dry_run = false;                   // evaluate and print what would fire; write nothing
  std::string listen = "127.0.0.1:8080";  // only to default the public URL in breach mails, as `serve` does
  MailCliOptions mail;
};

/// Runs the SLA escalation job (docs/sla.md "Escalation") at `now` until no due ticket is left and
/// prints one JSON line: {"checked": N, "warnings": W, "breaches": B, "failed": F, "fired": [...]}.
/// It records and acts (events, mails, raised priorities). With `dry_run`, one pass over at most
/// SlaService::kPreviewLimit tickets is rolled back and the line starts with "dry_run": true.
/// Returns the exit code.
int run_sla_check(const SlaCheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gongdan::app
