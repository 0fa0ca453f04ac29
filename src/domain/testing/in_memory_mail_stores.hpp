#pragma once

// In-memory stand-ins for the mail storage interfaces and mail ports, so that the mail use cases
// are tested without a database or a mail server. They keep the promises written on the
// interfaces in domain/mail/mail_repository.hpp; the real engines live in src/storage, the real
// composer, template engine and SMTP transport in src/mail.

#include <algorithm>
#include <charconv>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/mail/mail_ports.hpp"
#include "domain/mail/mail_repository.hpp"
#include "domain/tickets/ticket_repository.hpp"

namespace gongdan::domain::testing {

/// Secure links by digest.
class InMemoryAccessLinks final : public AccessLinkRepository {
 public:
  /// Stores a link as the outbox does in its transaction; returns its id.
  std::int64_t add(NewAccessLink link) {
    std::scoped_lock lock(mutex_);
    links_.push_back({next_id_++, std::move(link), std::nullopt, std::nullopt});
    return links_.back().id;
  }
  std::optional<AccessLink> find_by_digest(const std::string& token_digest) override {
    std::scoped_lock lock(mutex_);
    for (const auto& link : links_) {
      if (link.link.token_digest == token_digest) return link;
    }
    return std::nullopt;
  }
  core::Status mark_used(std::int64_t link_id, core::Timestamp at) override {
    std::scoped_lock lock(mutex_);
    for (auto& link : links_) {
      if (link.id != link_id) continue;
      if (link.used_at) return core::Error::conflict("link_used", "The link was used already.");
      link.used_at = at;
      return core::ok_status();
    }
    return core::Error::not_found("No such link.");
  }
  core::Result<int> revoke_for_ticket(core::TicketId ticket, core::Timestamp at) override {
    std::scoped_lock lock(mutex_);
    int revoked = 0;
    for (auto& link : links_) {
      if (link.link.ticket_id != ticket || link.revoked_at || link.link.expires_at <= at) continue;
      link.revoked_at = at;
      ++revoked;
    }
    return revoked;
  }
  std::vector<AccessLink> all() const {
    std::scoped_lock lock(mutex_);
    return links_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<AccessLink> links_;
  std::int64_t next_id_ = 1;
};

/// The outbox; writes the links of what it queues to `links`, as one transaction would.
class InMemoryOutbox final : public OutboxRepository {
 public:
  explicit InMemoryOutbox(InMemoryAccessLinks& links) : links_(links) {}

  core::Status enqueue(const MailEffects& effects, core::Timestamp now) override {
    write(effects, std::nullopt, now);
    return core::ok_status();
  }
  /// Queues a change's effects, filling in the ticket id where the use case could not know it yet.
  void write(MailEffects effects, std::optional<core::TicketId> ticket, core::Timestamp now) {
    std::scoped_lock lock(mutex_);
    for (auto& link : effects.links) {
      if (!link.ticket_id && link.purpose == LinkPurpose::kTicket) link.ticket_id = ticket;
      links_.add(std::move(link));
    }
    for (auto& mail : effects.mails) {
      if (!mail.ticket_id && mail.ticket_number) mail.ticket_id = ticket;
      Row row;
      row.entry.id = OutboxId{next_id_++};
      row.entry.mail = std::move(mail);
      row.entry.created_at = row.entry.next_attempt_at = now;
      rows_.push_back(std::move(row));
    }
  }
  core::Result<std::vector<OutboxEntry>> claim_due(core::Timestamp now, core::Timestamp lease_until,
                                                   int limit) override {
    std::scoped_lock lock(mutex_);
    std::vector<OutboxEntry> claimed;
    for (auto& row : rows_) {
      if (static_cast<int>(claimed.size()) >= limit) break;
      const bool due = row.entry.state == OutboxState::kQueued && row.entry.next_attempt_at <= now;
      const bool lease_ended = row.entry.state == OutboxState::kSending && row.lease_until < now;
      if (!due && !lease_ended) continue;
      row.entry.state = OutboxState::kSending;
      row.lease_until = lease_until;
      claimed.push_back(row.entry);
    }
    return claimed;
  }
  core::Status mark_sent(OutboxId id, core::Timestamp at) override {
    std::scoped_lock lock(mutex_);
    auto* row = find_row(id);
    if (!row) return core::Error::not_found("No such mail.");
    row->entry.state = OutboxState::kSent;
    row->entry.attempts += 1;
    row->entry.sent_at = at;
    const std::string secret(kSecretValueName);
    auto& values = row->entry.mail.values;
    if (values.values.contains(secret)) values.values[secret] = "[redacted]";
    for (auto& ticket : values.tickets) {
      if (ticket.contains(secret)) ticket[secret] = "[redacted]";
    }
    return core::ok_status();
  }
  core::Status mark_failed(OutboxId id, std::string error, std::optional<core::Timestamp> retry_at) override {
    std::scoped_lock lock(mutex_);
    auto* row = find_row(id);
    if (!row) return core::Error::not_found("No such mail.");
    row->entry.attempts += 1;
    row->entry.last_error = std::move(error);
    if (retry_at) {
      row->entry.state = OutboxState::kQueued;
      row->entry.next_attempt_at = *retry_at;
    } else {
      row->entry.state = OutboxState::kFailed;
    }
    return core::ok_status();
  }
  core::Status retry(OutboxId id, core::Timestamp now) override {
    std::scoped_lock lock(mutex_);
    auto* row = find_row(id);
    if (!row) return core::Error::not_found("No such mail.");
    if (row->entry.state != OutboxState::kFailed)
      return core::Error::conflict("not_failed", "The mail has not failed.");
    row->entry.state = OutboxState::kQueued;
    row->entry.next_attempt_at = now;
    return core::ok_status();
  }
  std::optional<OutboxEntry> find(OutboxId id) override {
    std::scoped_lock lock(mutex_);
    const auto* row = find_row(id);
    return row ? std::optional<OutboxEntry>(row->entry) : std::nullopt;
  }
  /// Newest first (highest id first); the cursor is the id of the last entry of the page.
  core::Result<Page<OutboxEntry>> list(const OutboxQuery& query) override {
    std::scoped_lock lock(mutex_);
    std::optional<std::int64_t> before;
    if (!query.cursor.empty()) {
      std::int64_t id = 0;
      const auto* end = query.cursor.data() + query.cursor.size();
      const auto [ptr, ec] = std::from_chars(query.cursor.data() + (query.cursor.starts_with("m") ? 1 : 0), end, id);
      if (!query.cursor.starts_with("m") || ec != std::errc{} || ptr != end) {
        return core::Error::field("cursor", "invalid", "Not a cursor of this list.");
      }
      before = id;
    }
    Page<OutboxEntry> page;
    for (auto it = rows_.rbegin(); it != rows_.rend(); ++it) {
      const auto& entry = it->entry;
      if (before && entry.id.value >= *before) continue;
      if (!query.states.empty() &&
          std::find(query.states.begin(), query.states.end(), entry.state) == query.states.end()) {
        continue;
      }
      if (!query.recipient.empty() && entry.mail.to_email != query.recipient) continue;
      if (static_cast<int>(page.items.size()) == query.limit) {
        page.next_cursor = "m" + std::to_string(page.items.back().id.value);
        break;
      }
      page.items.push_back(entry);
    }
    return page;
  }
  int count_recent(MailKind kind, const std::string& email, core::Timestamp since) override {
    std::scoped_lock lock(mutex_);
    return static_cast<int>(std::count_if(rows_.begin(), rows_.end(), [&](const Row& row) {
      return row.entry.mail.kind == kind && row.entry.mail.to_email == email && row.entry.created_at >= since;
    }));
  }

  /// Every entry, oldest first.
  std::vector<OutboxEntry> entries() const {
    std::scoped_lock lock(mutex_);
    std::vector<OutboxEntry> out;
    for (const auto& row : rows_) out.push_back(row.entry);
    return out;
  }
  /// The entries of one kind, oldest first.
  std::vector<OutboxEntry> of_kind(MailKind kind) const {
    auto out = entries();
    std::erase_if(out, [kind](const OutboxEntry& entry) { return entry.mail.kind != kind; });
    return out;
  }

 private:
  struct Row {
    OutboxEntry entry;
    core::Timestamp lease_until;
  };
  Row* find_row(OutboxId id) {
    for (auto& row : rows_) {
      if (row.entry.id == id) return &row;
    }
    return nullptr;
  }

  InMemoryAccessLinks& links_;
  mutable std::mutex mutex_;
  std::vector<Row> rows_;
  std::int64_t next_id_ = 1;
};

/// Wraps a TicketRepository so that the mail effects of each change are written to the outbox
/// and its links stored, as the real stores do in the change's transaction (InMemoryTickets only
/// remembers them in `written_effects`).
class MailingTickets final : public TicketRepository {
 public:
  MailingTickets(TicketRepository& tickets, InMemoryOutbox& outbox) : tickets_(tickets), outbox_(outbox) {}

  core::Result<Ticket> create(const NewTicket& draft) override {
    auto created = tickets_.create(draft);
    // An idempotent replay returns the ticket made before (another number) and queues nothing.
    if (created && created->number == draft.ticket.number) {
      outbox_.write(draft.effects, created->id, created->created_at);
    }
    return created;
  }
  core::Result<ChangedTicket> modify(core::TicketId id, const TicketDecision& decide) override {
    MailEffects effects;
    auto changed = tickets_.modify(id, [&](const Ticket& current) -> core::Result<TicketChange> {
      auto change = decide(current);
      if (change) effects = change->effects;
      return change;
    });
    if (changed) outbox_.write(std::move(effects), id, changed->ticket.updated_at);
    return changed;
  }
  core::Result<ChangedTicket> merge(core::TicketId source, core::TicketId target,
                                    const MergeDecision& decide) override {
    return tickets_.merge(source, target, decide);
  }
  std::optional<Ticket> find_by_number(const TicketNumber& number) override { return tickets_.find_by_number(number); }
  std::optional<Ticket> find_by_id(core::TicketId id) override { return tickets_.find_by_id(id); }
  core::Result<Page<Ticket>> list(const TicketQuery& query) override { return tickets_.list(query); }
  std::int64_t count(const TicketQuery& query) override { return tickets_.count(query); }
  std::vector<Message> messages(core::TicketId id, bool include_internal) override {
    return tickets_.messages(id, include_internal);
  }
  std::vector<TicketEvent> events(core::TicketId id) override { return tickets_.events(id); }
  std::vector<TicketFieldValue> custom_field_values(core::TicketId id) override {
    return tickets_.custom_field_values(id);
  }
  std::optional<Attachment> find_attachment(core::AttachmentId id) override { return tickets_.find_attachment(id); }
  std::vector<Ticket> active_tickets_of(core::UserId customer, int limit) override {
    return tickets_.active_tickets_of(customer, limit);
  }

 private:
  TicketRepository& tickets_;
  InMemoryOutbox& outbox_;
};

class InMemoryMailTemplates final : public MailTemplateRepository {
 public:
  std::vector<MailTemplate> customized() override {
    std::scoped_lock lock(mutex_);
    std::vector<MailTemplate> out;
    for (const auto& [key, stored] : templates_) out.push_back(stored);
    return out;
  }
  core::Status save(const MailTemplate& mail_template) override {
    std::scoped_lock lock(mutex_);
    auto stored = mail_template;
    stored.customized = true;
    templates_[{mail_template.kind, mail_template.locale}] = std::move(stored);
    return core::ok_status();
  }
  core::Status reset(MailKind kind, Locale locale) override {
    std::scoped_lock lock(mutex_);
    if (templates_.erase({kind, locale}) == 0) return core::Error::not_found("The template was not customized.");
    return core::ok_status();
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<MailKind, Locale>, MailTemplate> templates_;
};

class InMemoryMailSettings final : public MailSettingsRepository {
 public:
  std::optional<MailSettings> load() override {
    std::scoped_lock lock(mutex_);
    return settings_;
  }
  core::Status save(const MailSettings& settings) override {
    std::scoped_lock lock(mutex_);
    settings_ = settings;
    return core::ok_status();
  }

 private:
  std::mutex mutex_;
  std::optional<MailSettings> settings_;
};

class InMemoryInboundLog final : public InboundMailLog {
 public:
  struct Entry {
    std::string message_id;
    std::string sender;
    std::string outcome;
    core::Timestamp at;
  };
  core::Result<bool> claim(const std::string& message_id, const std::string& sender, core::Timestamp at,
                           core::Timestamp stale_before) override {
    std::scoped_lock lock(mutex_);
    if (auto* entry = find(message_id)) {
      if (entry->outcome != kProcessing || entry->at >= stale_before) return false;
      entry->at = at;
      return true;
    }
    entries_.push_back({message_id, sender, kProcessing, at});
    return true;
  }
  core::Status finish(const std::string& message_id, const std::string& outcome) override {
    std::scoped_lock lock(mutex_);
    if (auto* entry = find(message_id)) entry->outcome = outcome;
    return core::ok_status();
  }
  core::Status release(const std::string& message_id) override {
    std::scoped_lock lock(mutex_);
    std::erase_if(entries_, [&](const Entry& e) { return e.message_id == message_id && e.outcome == kProcessing; });
    return core::ok_status();
  }
  bool seen(const std::string& message_id) const {
    std::scoped_lock lock(mutex_);
    return find(message_id) != nullptr;
  }
  int count_from(const std::string& sender, core::Timestamp since) override {
    std::scoped_lock lock(mutex_);
    return static_cast<int>(std::count_if(entries_.begin(), entries_.end(),
                                          [&](const Entry& e) { return e.sender == sender && e.at >= since; }));
  }
  /// What was recorded for a message, if anything.
  std::optional<std::string> outcome_of(const std::string& message_id) const {
    std::scoped_lock lock(mutex_);
    const auto* entry = find(message_id);
    return entry ? std::optional<std::string>(entry->outcome) : std::nullopt;
  }

 private:
  static constexpr const char* kProcessing = "processing";
  const Entry* find(const std::string& message_id) const {
    for (const auto& e : entries_) {
      if (e.message_id == message_id) return &e;
    }
    return nullptr;
  }
  Entry* find(const std::string& message_id) {
    for (auto& e : entries_) {
      if (e.message_id == message_id) return &e;
    }
    return nullptr;
  }
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

/// Records what would go to the SMTP server and answers as scripted (accepted when nothing is).
class RecordingTransport final : public MailTransport {
 public:
  DeliveryResult send(const SmtpSettings& smtp, const WireMessage& message) override {
    std::scoped_lock lock(mutex_);
    sent_.push_back({smtp, message});
    if (script_.empty()) return {true, DeliveryFailure::kTransient, "250 OK"};
    auto result = script_.front();
    script_.pop_front();
    return result;
  }
  /// The next answers, in order.
  void answer(DeliveryResult result) {
    std::scoped_lock lock(mutex_);
    script_.push_back(std::move(result));
  }
  std::vector<std::pair<SmtpSettings, WireMessage>> sent() const {
    std::scoped_lock lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<DeliveryResult> script_;
  std::vector<std::pair<SmtpSettings, WireMessage>> sent_;
};

/// A test double for the Mustache engine (the real one, kainjow Mustache, lives in src/mail):
/// replaces `{{name}}` with the flat value of that name, and refuses a text with an unclosed
/// `{{` or a `{{#section}}` without its `{{/section}}`.
class PlainTemplateEngine final : public TemplateEngine {
 public:
  core::Status check(std::string_view field, std::string_view text) const override {
    std::vector<std::string> open;
    for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
      const auto close = text.find("}}", at + 2);
      if (close == std::string_view::npos) return syntax_error(field);
      const auto tag = text.substr(at + 2, close - at - 2);
      if (tag.starts_with('#')) open.emplace_back(tag.substr(1));
      if (tag.starts_with('/')) {
        if (open.empty() || open.back() != tag.substr(1)) return syntax_error(field);
        open.pop_back();
      }
    }
    if (!open.empty()) return syntax_error(field);
    return core::ok_status();
  }
  std::string render(std::string_view text, const MailValues& values, bool html) const override {
    std::string out;
    std::size_t from = 0;
    for (auto at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", from)) {
      const auto close = text.find("}}", at + 2);
      if (close == std::string_view::npos) break;
      out += text.substr(from, at - from);
      const auto it = values.values.find(std::string(text.substr(at + 2, close - at - 2)));
      if (it != values.values.end()) out += html ? escaped(it->second) : it->second;
      from = close + 2;
    }
    out += text.substr(from);
    return out;
  }

 private:
  static core::Status syntax_error(std::string_view field) {
    return core::Error::field(std::string(field), "template_syntax", "The template does not parse.");
  }
  static std::string escaped(std::string_view value) {
    std::string out;
    for (const char c : value) {
      switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
      }
    }
    return out;
  }
};

/// A test double for the MIME composer (the real one, on GMime, lives in src/mail): a Subject
/// and a To header over the rendered plain text, enough to see which template and values went out.
class SimpleComposer final : public MailComposer {
 public:
  explicit SimpleComposer(const TemplateEngine& engine) : engine_(engine) {}
  WireMessage compose(const OutboxEntry& entry, const MailTemplate& mail_template,
                      const SmtpSettings& smtp) const override {
    std::string bytes = "Subject: " + engine_.render(mail_template.subject, entry.mail.values, false) + "\r\n";
    bytes += "To: " + entry.mail.to_email + "\r\n\r\n";
    bytes += engine_.render(mail_template.text, entry.mail.values, false);
    return {smtp.from_email, entry.mail.to_email, std::move(bytes)};
  }

 private:
  const TemplateEngine& engine_;
};

}  // namespace gongdan::domain::testing
