#pragma once

#include <functional>

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
  /// `may_poll`, when given, says whether this process is the installation's poller this round
  /// (several processes on PostgreSQL: one advisory lock holder polls).
  ImapPoll(const domain::MailSettingsSource& settings, domain::InboundMailService& inbound, const core::Clock& clock,
           std::function<bool()> may_poll = {})
      : settings_(settings), inbound_(inbound), clock_(clock), may_poll_(std::move(may_poll)) {}

  /// Always 0: a round never asks for another one at once.
  int round();

 private:
  const domain::MailSettingsSource& settings_;
  domain::InboundMailService& inbound_;
  const core::Clock& clock_;
  std::function<bool()> may_poll_;
  core::Timestamp next_poll_{};
};

}  // namespace gongdan::app
