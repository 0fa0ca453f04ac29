#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.hpp"
#include "domain/mail/inbound_mail.hpp"

namespace gongdan::mail {

/// Larger input is refused before parsing (kTooLarge `message_too_large`): it stops one piped or
/// fetched message from holding the process's memory several times over while it is decoded.
inline constexpr std::size_t kMaxInboundMessageBytes = std::size_t{40} * 1024 * 1024;

/// The one entry point for incoming mail (`gongdan mail-in`, the IMAP poller): parse, flag
/// automatic mail, cut quoted history. Input that is not a message is kInvalid `not_a_message`.
core::Result<domain::InboundMail> read_inbound_mail(std::string_view raw);

}  // namespace gongdan::mail
