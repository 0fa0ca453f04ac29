#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/mail/mail_settings.hpp"
#include "domain/mail/mail_template.hpp"
#include "domain/mail/outgoing_mail.hpp"
#include "domain/tickets/ticket_repository.hpp"

namespace gongdan::domain {

/// Which outbox entries the admin page lists, newest first.
struct OutboxQuery {
  std::vector<OutboxState> states;  // empty: any
  std::string recipient;            // exact address, lower-cased; empty: any
  std::string cursor;
  int limit = 50;
};

/// The transactional outbox. Mails that go with a ticket change are written by TicketRepository
/// (NewTicket::effects, TicketChange::effects); this interface writes mails that change nothing
/// else, and serves the sender and the admin page.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;

  /// Stores the links and queues the mails in one transaction, due at `now`.
  virtual core::Status enqueue(const MailEffects& effects, core::Timestamp now) = 0;

  /// Claims up to `limit` due mails — queued with next_attempt_at <= now, or sending with a lease
  /// that ended before now — and marks them sending until `lease_until`. One mail goes to one
  /// claimer even with several processes. Oldest first.
  virtual core::Result<std::vector<OutboxEntry>> claim_due(core::Timestamp now, core::Timestamp lease_until,
                                                           int limit) = 0;
  /// The SMTP server accepted the mail: state sent, attempts + 1, secrets redacted.
  virtual core::Status mark_sent(OutboxId id, core::Timestamp at) = 0;
  /// An attempt failed: attempts + 1 and the server's answer kept. With `retry_at` the mail is
  /// queued again for then; without, it is failed for good. Only a mail still being sent changes
  /// (kNotFound otherwise): a sender whose lease ran out cannot undo another's delivery.
  virtual core::Status mark_failed(OutboxId id, std::string error, std::optional<core::Timestamp> retry_at) = 0;
  /// An admin's retry of a failed mail: queued, due at `now`. Error kNotFound, or kConflict with
  /// reason `not_failed` when it is not failed.
  virtual core::Status retry(OutboxId id, core::Timestamp now) = 0;

  virtual std::optional<OutboxEntry> find(OutboxId id) = 0;
  /// Error kInvalid (field `cursor`) for a cursor not made by this store.
  virtual core::Result<Page<OutboxEntry>> list(const OutboxQuery& query) = 0;
  /// How many mails of `kind` were queued for `email` since `since`: caps what strangers can make
  /// Gongdan send to an address.
  virtual int count_recent(MailKind kind, const std::string& email, core::Timestamp since) = 0;
};

/// Secure links by mail: random tokens stored as digests only.
class AccessLinkRepository {
 public:
  virtual ~AccessLinkRepository() = default;
  virtual std::optional<AccessLink> find_by_digest(const std::string& token_digest) = 0;
  /// Marks a single-use link used. Error kConflict with reason `link_used` when it already was:
  /// of two concurrent uses exactly one succeeds.
  virtual core::Status mark_used(std::int64_t link_id, core::Timestamp at) = 0;
  /// Revokes every live link to the ticket; returns how many.
  virtual core::Result<int> revoke_for_ticket(core::TicketId ticket, core::Timestamp at) = 0;
};

/// Admins' edits of the mail templates; a kind and language without a row uses the shipped text.
class MailTemplateRepository {
 public:
  virtual ~MailTemplateRepository() = default;
  virtual std::vector<MailTemplate> customized() = 0;
  virtual core::Status save(const MailTemplate& mail_template) = 0;
  /// Back to the shipped text; kNotFound when it was not customized.
  virtual core::Status reset(MailKind kind, Locale locale) = 0;
};

/// SMTP and IMAP settings saved from the admin pages (the config file gives the defaults).
class MailSettingsRepository {
 public:
  virtual ~MailSettingsRepository() = default;
  /// Nullopt when nothing was saved yet.
  virtual std::optional<MailSettings> load() = 0;
  virtual core::Status save(const MailSettings& settings) = 0;
};

/// Incoming mail by Message-ID: a message delivered twice (an MTA retry, two recipient addresses
/// piped to `mail-in`, an IMAP poll after a crash) is handled once. A handler claims the message
/// before acting, so that of two concurrent deliveries one acts and the other sees a duplicate.
class InboundMailLog {
 public:
  virtual ~InboundMailLog() = default;
  /// Claims the message from `sender` (lower-cased) for handling: true when this caller should
  /// handle it — never claimed before, or claimed before `stale_before` and never finished (its
  /// handler died mid-way). False: someone else has it or had it.
  virtual core::Result<bool> claim(const std::string& message_id, const std::string& sender, core::Timestamp at,
                                   core::Timestamp stale_before) = 0;
  /// Records how a claimed message ended ("created 261125-7KQ2MX", "ignored: auto-replied").
  virtual core::Status finish(const std::string& message_id, const std::string& outcome) = 0;
  /// Gives a claim back when storage failed mid-way, so that a redelivery handles the message.
  virtual core::Status release(const std::string& message_id) = 0;
  /// Messages claimed from `sender` since `since`: the per-sender rate that stops mail loops.
  virtual int count_from(const std::string& sender, core::Timestamp since) = 0;
};

}  // namespace gongdan::domain
