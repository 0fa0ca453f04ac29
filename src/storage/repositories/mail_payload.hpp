#pragma once

#include <string>
#include <string_view>

#include "domain/mail/outgoing_mail.hpp"

namespace gongdan::storage {

// The outbox's `payload` column: a mail's template values as JSON,
// {"values": {name: text}, "tickets": [{name: text}]}.

/// The JSON text of `values`; invalid UTF-8 is replaced rather than refused.
std::string payload_json(const domain::MailValues& values);
/// The values of a stored payload. Throws std::runtime_error when the text is not one of ours.
domain::MailValues payload_values(std::string_view json);
/// The payload with every secret value (domain::kSecretValueName), top level and in each tickets
/// row, replaced by "[redacted]".
std::string redacted_payload(std::string_view json);

}  // namespace gongdan::storage
