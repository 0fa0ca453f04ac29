#include "app/sla_command.hpp"

#include <cstddef>
#include <cstdlib>
#include <ostream>

#include "app/composition.hpp"
#include "core/time.hpp"

namespace gongdan::app {

int run_sla_check(const SlaCheckOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<core::Timestamp> now;
  if (!options.now.empty()) {
    now = core::parse_rfc3339(options.now);
    if (!now) {
      err << "sla check: --now is not an RFC 3339 time: " << options.now << "\n";
      return EXIT_FAILURE;
    }
  }
  auto app = Composition::open(options.storage, {}, to_mail_options(options.mail, options.listen));
  domain::sla::CheckPass total;
  const auto add = [&total](domain::sla::CheckPass& pass) {
    total.tickets_checked += pass.tickets_checked;
    total.warnings += pass.warnings;
    total.breaches += pass.breaches;
    for (auto& f : pass.failures) total.failures.push_back(std::move(f));
    for (auto& f : pass.fired) total.fired.push_back(std::move(f));
  };
  if (options.dry_run) {
    // Rolled back: nothing changes, so a second pass would look at the same tickets again.
    auto pass = app->sla().preview_checks(now);
    if (!pass) {
      err << "sla check: " << pass.error().message << "\n";
      return EXIT_FAILURE;
    }
    add(*pass);
  } else {
    // A pass handles a batch; a backlog larger than one batch takes several.
    for (;;) {
      auto pass = app->sla().run_checks(now);
      if (!pass) {
        err << "sla check: " << pass.error().message << "\n";
        return EXIT_FAILURE;
      }
      add(*pass);
      if (pass->tickets_checked < domain::sla::SlaService::kCheckBatch) break;
    }
  }
  for (const auto& f : total.failures) {
    err << "sla check: ticket " << f.ticket.value << " failed and was skipped: " << f.what << "\n";
  }
  out << "{";
  if (options.dry_run) out << "\"dry_run\": true, ";
  out << "\"checked\": " << total.tickets_checked << ", \"warnings\": " << total.warnings
      << ", \"breaches\": " << total.breaches << ", \"failed\": " << total.failures.size() << ", \"fired\": [";
  // Ticket numbers, kinds and target names are plain ASCII words: nothing to escape.
  for (std::size_t i = 0; i < total.fired.size(); ++i) {
    const auto& f = total.fired[i];
    out << (i == 0 ? "" : ", ") << "{\"ticket\": \"" << f.ticket << "\", \"kind\": \"" << f.kind << "\", \"target\": \""
        << domain::sla::to_string(f.target) << "\", \"cycle\": " << f.cycle << "}";
  }
  out << "]}\n";
  return EXIT_SUCCESS;
}

}  // namespace gongdan::app
