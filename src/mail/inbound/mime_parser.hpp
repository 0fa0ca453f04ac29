#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/mail/inbound_mail.hpp"

namespace gongdan::mail {

/// One top-level header: its name as written and its value unfolded and decoded to UTF-8.
struct MailHeader {
  std::string name;
  std::string value;
};

/// A message as GMime read it, before the filters: the mail (body not yet cut, `automatic` not
/// yet set) plus what the filters need to look at.
struct ParsedMessage {
  domain::InboundMail mail;
  std::vector<MailHeader> headers;  // top-level headers in order
  std::string mime_type;            // of the top-level part, lower-case: "multipart/report"

  /// The first header of that name (case-insensitive), or nullptr.
  const std::string* header(std::string_view name) const;
};

/// Parses an RFC 5322 message (GMime 3) into UTF-8 parts. Input without any header is
/// Error kInvalid `not_a_message`.
core::Result<ParsedMessage> parse_message(std::string_view raw);

}  // namespace gongdan::mail
