#pragma once

#include "core/clock.hpp"
#include "domain/mail/inbound_mail_service.hpp"
#include "domain/mail/mail_settings_source.hpp"

namespace gongdan::app {

/// One round of the IMAP poller, run by a PeriodicJob: when the mailbox's poll interval has passed,
/// fetches the unseen messages, hands each to the inbound mail service like `gongdan mail-in`, and
/// flags it \Seen once handled. A message met while storage is unavailable stays unseen and is
/// fetched again next round.
class ImapPoll {
 public:
  ImapPoll(const domain::MailSettingsSource& settings, domain::InboundMailService& inbound, const core::Clock& clock)
      : settings_(settings), inbound_(inbound), clock_(clock) {}

  /// Always 0: a round never asks for another one at once.
  int round();

 private:
  const domain::MailSettingsSource& settings_;
  domain::InboundMailService& inbound_;
  const core::Clock& clock_;
  core::Timestamp next_poll_{};
};

}  // namespace gongdan::app
