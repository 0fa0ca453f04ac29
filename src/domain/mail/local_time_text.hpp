#pragma once

#include <chrono>
#include <string>

#include "core/time.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// A time as a reader of `locale` expects it in a mail, in the server's zone with its offset:
/// "2026年11月26日 10:00（UTC+08:00）" or "26 Nov 2026, 10:00 (UTC+08:00)".
std::string local_time_text(core::Timestamp t, std::chrono::seconds utc_offset, Locale locale);

}  // namespace gongdan::domain
