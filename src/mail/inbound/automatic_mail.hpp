#pragma once

#include <optional>
#include <string>

#include "mail/inbound/mime_parser.hpp"

namespace gongdan::mail {

/// Why a message was sent by a machine — auto-reply, bounce, mailing list, null sender — such as
/// "auto-submitted: auto-replied"; nothing for mail a person wrote. Such mail is never answered.
std::optional<std::string> automatic_mail_reason(const ParsedMessage& message);

}  // namespace gongdan::mail
