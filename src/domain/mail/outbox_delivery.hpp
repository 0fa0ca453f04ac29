#pragma once

#include <chrono>

#include "core/clock.hpp"
#include "domain/mail/mail_ports.hpp"
#include "domain/mail/mail_repository.hpp"
#include "domain/mail/mail_settings_source.hpp"

namespace gongdan::domain {

/// How the outbox is worked off.
struct DeliverySettings {
  int batch = 5;  // mails claimed per round
  // A claim outlives the slowest round: batch × (10 s connect + 60 s transfer) is under 6 min.
  std::chrono::milliseconds lease{600'000};
  std::chrono::milliseconds retry_base{30'000};  // first retry after this, doubling each time
  std::chrono::milliseconds retry_cap{3'600'000};
  int max_attempts = 12;  // ≈ 5 hours of retries (30 s doubling, capped at 1 h) before a mail fails for good
};

/// When the next attempt after `attempts` failed ones is due, or nullopt when there is none.
std::optional<core::Timestamp> next_attempt(const DeliverySettings& settings, int attempts, core::Timestamp now);

/// The template in force for a kind and language: the admin's edit among `customized`, else the
/// shipped text.
MailTemplate template_in_force(const std::vector<MailTemplate>& customized, MailKind kind, Locale locale);
/// The same, reading the admin's edits from the repository.
MailTemplate template_for(MailTemplateRepository& templates, MailKind kind, Locale locale);

/// Works off the outbox: claims due mail, composes it and hands it to SMTP, recording each outcome.
/// Several processes may run it at once; a claim is exclusive until its lease ends.
class OutboxDelivery {
 public:
  OutboxDelivery(OutboxRepository& outbox, MailTemplateRepository& templates, const MailSettingsSource& settings,
                 const MailComposer& composer, MailTransport& transport, const core::Clock& clock,
                 DeliverySettings delivery = {});

  /// One round; returns how many mails were attempted (0: nothing was due, or no SMTP server is
  /// configured and mail stays queued).
  int deliver_due();

 private:
  void deliver(const OutboxEntry& entry, const SmtpSettings& smtp);

  OutboxRepository& outbox_;
  MailTemplateRepository& templates_;
  const MailSettingsSource& settings_;
  const MailComposer& composer_;
  MailTransport& transport_;
  const core::Clock& clock_;
  DeliverySettings delivery_;
};

}  // namespace gongdan::domain
