#pragma once

#include <string_view>

#include "domain/users/actor.hpp"
#include "domain/users/user.hpp"

namespace gongdan::http {

/// The language Accept-Language asks for: zh-CN when absent or when a `zh*` range has the highest
/// preference among zh and en (ties and `*` go to zh-CN); en when the header names neither.
domain::Locale locale_from_accept_language(std::string_view header);

/// The language of a response: a signed-in user's own locale wins over the header.
domain::Locale choose_locale(const domain::Actor& actor, std::string_view accept_language);

}  // namespace gongdan::http
