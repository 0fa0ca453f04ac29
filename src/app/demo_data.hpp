#pragma once

#include <ostream>

#include "app/composition.hpp"

namespace gongdan::app {

/// Demo logins (admin, agent, customer) and a handful of realistic tickets, for `make run`.
/// Running it again adds nothing; it always prints the logins.
void load_demo_data(Composition& app, std::ostream& out);

}  // namespace gongdan::app
