#include "mail/inbound/inbound_filter.hpp"

#include <utility>

#include "mail/inbound/automatic_mail.hpp"
#include "mail/inbound/mime_parser.hpp"
#include "mail/inbound/quote_cutter.hpp"

namespace gongdan::mail {

core::Result<domain::InboundMail> read_inbound_mail(std::string_view raw) {
  if (raw.size() > kMaxInboundMessageBytes) {
    return core::Error{core::ErrorCode::kTooLarge, "message_too_large", "The message exceeds the size limit.", {}};
  }
  auto parsed = parse_message(raw);
  if (!parsed) return parsed.take_error();
  domain::InboundMail mail = std::move(parsed->mail);
  mail.automatic = automatic_mail_reason(*parsed);
  mail.body = cut_quoted_history(mail.body);
  return mail;
}

}  // namespace gongdan::mail
