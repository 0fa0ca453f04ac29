// Incoming mail is written by strangers: parsing, charset decoding, HTML reduction and the filters
// must not crash, leak or read out of bounds on any bytes, and what they hand the domain must be
// valid UTF-8 without NUL (the databases store it as text).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.hpp"
#include "mail/inbound/inbound_filter.hpp"

namespace {

void require_text(std::string_view text) {
  if (!gongdan::core::is_valid_utf8(text) || text.find('\0') != std::string_view::npos) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto mail = gongdan::mail::read_inbound_mail(input);
  if (!mail) return 0;
  if (mail->message_id.empty()) std::abort();
  for (std::string_view text :
       {std::string_view(mail->message_id), std::string_view(mail->from_email), std::string_view(mail->from_name),
        std::string_view(mail->subject), std::string_view(mail->body)}) {
    require_text(text);
  }
  for (const auto& reference : mail->references) require_text(reference);
  for (const auto& file : mail->attachments) require_text(file.filename);
  return 0;
}
