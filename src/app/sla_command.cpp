#include "app/sla_command.hpp"

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
  auto app = Composition::open(options.data_dir, {}, to_mail_options(options.mail, options.listen));
  // A pass handles a batch; a backlog larger than one batch takes several.
  int checked = 0;
  int warnings = 0;
  int breaches = 0;
  for (;;) {
    auto pass = app->sla().run_checks(now);
    if (!pass) {
      err << "sla check: " << pass.error().message << "\n";
      return EXIT_FAILURE;
    }
    checked += pass->tickets_checked;
    warnings += pass->warnings;
    breaches += pass->breaches;
    if (pass->tickets_checked < domain::sla::SlaService::kCheckBatch) break;
  }
  out << "{\"checked\": " << checked << ", \"warnings\": " << warnings << ", \"breaches\": " << breaches << "}\n";
  return EXIT_SUCCESS;
}

}  // namespace gongdan::app
