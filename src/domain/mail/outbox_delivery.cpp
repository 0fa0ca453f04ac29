#include "domain/mail/outbox_delivery.hpp"

#include <algorithm>

namespace gongdan::domain {

std::optional<core::Timestamp> next_attempt(const DeliverySettings& settings, int attempts, core::Timestamp now) {
  if (attempts >= settings.max_attempts) return std::nullopt;
  auto wait = settings.retry_base;
  for (int i = 1; i < attempts && wait < settings.retry_cap; ++i) wait *= 2;
  return now + std::min(wait, settings.retry_cap);
}

MailTemplate template_in_force(const std::vector<MailTemplate>& customized, MailKind kind, Locale locale) {
  for (const auto& edited : customized) {
    if (edited.kind == kind && edited.locale == locale) return edited;
  }
  return default_template(kind, locale);
}

MailTemplate template_for(MailTemplateRepository& templates, MailKind kind, Locale locale) {
  return template_in_force(templates.customized(), kind, locale);
}

OutboxDelivery::OutboxDelivery(OutboxRepository& outbox, MailTemplateRepository& templates,
                               const MailSettingsSource& settings, const MailComposer& composer,
                               MailTransport& transport, const core::Clock& clock, DeliverySettings delivery)
    : outbox_(outbox),
      templates_(templates),
      settings_(settings),
      composer_(composer),
      transport_(transport),
      clock_(clock),
      delivery_(delivery) {}

int OutboxDelivery::deliver_due() {
  const auto smtp = settings_.current().smtp;
  if (smtp.url.empty()) return 0;
  const auto now = clock_.now();
  auto claimed = outbox_.claim_due(now, now + delivery_.lease, delivery_.batch);
  if (!claimed) return 0;
  for (const auto& entry : *claimed) deliver(entry, smtp);
  return static_cast<int>(claimed->size());
}

void OutboxDelivery::deliver(const OutboxEntry& entry, const SmtpSettings& smtp) {
  const auto message = composer_.compose(entry, template_for(templates_, entry.mail.kind, entry.mail.locale), smtp);
  const auto result = transport_.send(smtp, message);
  const auto now = clock_.now();
  if (result.accepted) {
    // Failing to record "sent" leaves the claim to expire: the mail goes again with the same
    // Message-ID (at-least-once), never lost.
    (void)outbox_.mark_sent(entry.id, now);
    return;
  }
  const int attempts = entry.attempts + 1;
  const auto retry_at =
      result.failure == DeliveryFailure::kPermanent ? std::nullopt : next_attempt(delivery_, attempts, now);
  (void)outbox_.mark_failed(entry.id, result.answer, retry_at);
}

}  // namespace gongdan::domain
