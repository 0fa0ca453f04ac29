#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "domain/agents/group_repository.hpp"
#include "domain/catalog/catalog.hpp"
#include "domain/events/ticket_activity.hpp"
#include "domain/mail/mail_repository.hpp"
#include "domain/mail/ticket_mails.hpp"
#include "domain/rules/rule_repository.hpp"
#include "domain/tickets/ticket.hpp"
#include "domain/tickets/ticket_repository.hpp"
#include "domain/users/actor.hpp"
#include "domain/users/user_repository.hpp"

namespace gongdan::domain {

/// Limits and windows of the ticket use cases; every limit names the abuse it stops.
struct TicketSettings {
  std::size_t max_files = 5;                         // per submission or message: storage abuse
  std::int64_t max_file_bytes = 20LL * 1024 * 1024;  // per file: storage abuse
  std::chrono::hours reopen_window{24 * 14};         // a resolved ticket may be reopened this long
  std::size_t max_subject_chars = 200;
  std::size_t max_body_chars = 20000;
  std::size_t max_environment_chars = 100;
  std::size_t max_idempotency_key_chars = 200;
  // The reply time promised in the confirmation mail until service-level policies take over.
  std::chrono::minutes urgent_reply_target{60};
  std::chrono::minutes normal_reply_target{24 * 60};
};

/// A file as uploaded, before its type is checked.
struct Upload {
  std::string filename;
  std::string bytes;
};

/// A visitor's name and email for a ticket without an account.
struct GuestContact {
  std::string name;
  std::string email;
};

/// A ticket as submitted, with types already checked by the protocol layer.
struct TicketSubmission {
  std::optional<std::int64_t> category_id;
  std::string subject;
  std::string description;
  std::optional<std::string> occurred_at;  // RFC 3339, checked here
  Environment environment;
  std::optional<std::string> urgency;  // "normal" | "urgent"
  std::optional<GuestContact> guest;
  std::vector<Upload> files;
  std::optional<std::string> idempotency_key;
  Locale locale = Locale::kZhCn;    // the page's language: a guest's mails are written in it
  Channel channel = Channel::kWeb;  // kMail: opened by an incoming mail
  FieldInputs fields;               // the category's custom fields, by key
};

/// What an agent's reply also changes, decided in the reply's own transaction with agent_update's
/// rules ("reply and set pending" is one request, and a macro's actions land with its reply).
struct ReplyUpdate {
  std::optional<std::string> status;
  std::optional<std::string> priority;
  std::vector<std::string> add_tags;
  std::string macro_title;  // not empty: the reply came from this macro (a macro_applied event)
};

/// A follow-up message or agent reply.
struct MessageSubmission {
  std::string body;
  bool internal = false;  // agents only
  std::vector<Upload> files;
  // Agents: the ticket's updated_at as their page showed it (RFC 3339). When the ticket changed
  // since, the reply is refused with `ticket_changed` unless `confirm` is set.
  std::optional<std::string> seen_updated_at{};
  bool confirm = false;
  ReplyUpdate update{};  // agents only
};

/// Filters of a list request, as received.
struct ListRequest {
  std::optional<std::string> status;        // comma list of statuses
  std::optional<std::string> priority;      // comma list of priorities (agents)
  std::optional<std::string> view;          // agents: a view id (docs/workspace.md)
  std::optional<std::string> sort;          // agents: priority | age | last_customer_message | due
  std::optional<std::string> tag;           // agents
  std::optional<std::int64_t> group_id;     // agents
  std::optional<std::int64_t> assignee_id;  // agents
  std::string text;                         // agents: number, subject or email
  std::string cursor;
  std::optional<std::int64_t> limit;
};

/// An agent's change of a ticket's fields; absent members stay as they are.
struct TicketUpdate {
  std::optional<std::string> status;
  std::optional<std::string> priority;
  std::optional<std::optional<std::int64_t>> assignee_id{};  // a user id, or null for nobody
  std::optional<std::int64_t> group_id{};
  std::vector<std::string> add_tags{};
  std::vector<std::string> remove_tags{};
  FieldInputs fields{};  // custom field values to set, by key (single-ticket updates)

  bool empty() const {
    return !status && !priority && !assignee_id && !group_id && add_tags.empty() && remove_tags.empty() &&
           fields.empty();
  }
};

/// One ticket's outcome in a bulk change: each ticket changes on its own.
struct BulkOutcome {
  std::string number;
  std::optional<core::Error> error;  // empty: changed
};

/// A built-in queue view with how many tickets it holds for the asking agent.
struct ViewCount {
  std::string id;
  std::int64_t count = 0;
};

/// A ticket with its conversation and history, as one reader may see it.
struct TicketView {
  Ticket ticket;
  std::vector<Message> messages;
  std::vector<TicketEvent> events;
  // Staff only: the customer panel.
  std::optional<User> customer_account{};  // empty for guests
  std::vector<Ticket> customer_tickets{};  // the customer's other tickets, most recent first
  std::vector<TicketFieldValue> custom_fields{};
};

/// What the lookup-by-number page may show without signing in.
struct LookupResult {
  TicketNumber number;
  Status status;
  core::Timestamp updated_at;
  std::string merged_into{};  // the number this ticket was merged into, when the same customer owns it
  // The ticket found, for what the presenter adds (reply_by, docs/sla.md): only the fields
  // TicketRepository::find_for_lookup reads.
  std::optional<Ticket> ticket{};
};

/// An attachment's record and bytes, for download.
struct AttachmentDownload {
  Attachment attachment;
  std::string bytes;
};

/// The customer's and the agents' ticket use cases: each checks who may act, then one store call.
class TicketService {
 public:
  /// `mails` builds the mail each change sends to the customer, queued in the change's transaction.
  /// With `outbox`, a guest address gets at most kMaxGuestConfirmationsPerHour confirmations: anyone
  /// can type any address into the guest form. With `rules`, automation rules run inside each
  /// submission's and update's own transaction (docs/workspace.md "Automation rules").
  TicketService(TicketRepository& tickets, CatalogRepository& catalog, UserRepository& users, BlobStore& blobs,
                const FileTypeDetector& detector, const core::Crypto& crypto, const core::Clock& clock,
                const TicketMails& mails, TicketSettings settings = {}, OutboxRepository* outbox = nullptr,
                GroupRepository* groups = nullptr, RuleRepository* rules = nullptr);

  static constexpr int kMaxGuestConfirmationsPerHour = 5;

  // Customer side (also used by staff for their own tickets).
  core::Result<Ticket> submit(const Actor& actor, const TicketSubmission& submission);
  core::Result<Page<Ticket>> my_tickets(const Actor& actor, const ListRequest& request);
  core::Result<TicketView> view(const Actor& actor, std::string_view number);
  core::Result<ChangedTicket> comment(const Actor& actor, std::string_view number, const MessageSubmission& message);
  core::Result<Ticket> close(const Actor& actor, std::string_view number);
  core::Result<Ticket> reopen(const Actor& actor, std::string_view number);
  core::Result<std::vector<Ticket>> similar_open_tickets(const Actor& actor, std::string_view subject);
  /// Status by number + email, for anyone; a wrong email and an unknown number look the same.
  core::Result<LookupResult> lookup(std::string_view number, std::string_view email);

  // Agent side: agents and admins only.
  core::Result<Page<Ticket>> queue(const Actor& actor, const ListRequest& request);
  core::Result<TicketView> agent_view(const Actor& actor, std::string_view number);
  core::Result<ChangedTicket> agent_reply(const Actor& actor, std::string_view number,
                                          const MessageSubmission& message);
  core::Result<Ticket> agent_update(const Actor& actor, std::string_view number, const TicketUpdate& update);
  /// The same update on up to kMaxBulkTickets tickets, each on its own; the update is checked once
  /// first, so bad input changes nothing.
  core::Result<std::vector<BulkOutcome>> bulk_update(const Actor& actor, const std::vector<std::string>& numbers,
                                                     const TicketUpdate& update);
  /// Merges ticket `source` into `target` (docs/workspace.md "Merging"): the source's conversation
  /// appears in the target's history, the source is closed pointing at the target, and its customer
  /// is told. Returns the target as changed.
  core::Result<ChangedTicket> merge(const Actor& actor, std::string_view source, std::string_view target);
  /// The built-in views with their counts for this agent.
  core::Result<std::vector<ViewCount>> views(const Actor& actor);
  static constexpr std::size_t kMaxBulkTickets = 100;

  /// An attachment for whoever may see its message.
  core::Result<AttachmentDownload> attachment(const Actor& actor, core::AttachmentId id);

  const TicketSettings& settings() const { return settings_; }

  /// Where committed changes are announced (live updates); none by default.
  void set_activity_publisher(ActivityPublisher* publisher) { publisher_ = publisher; }

 private:
  core::Result<Ticket> find_visible(const Actor& actor, std::string_view number, bool staff_view);
  /// The tickets a staff actor works (docs/workspace.md); unauthenticated/forbidden otherwise.
  core::Result<StaffScope> staff_scope(const Actor& actor);
  /// The queue query of a list request: view, filters, sort and page, within the actor's scope.
  core::Result<TicketQuery> queue_query(const StaffScope& scope, const ListRequest& request);
  /// What an update asks for, checked against what exists (users, groups, tag names).
  struct CheckedUpdate;
  core::Result<CheckedUpdate> check_update(const TicketUpdate& update);
  core::Result<Ticket> apply_update(const Actor& actor, const Ticket& ticket, const CheckedUpdate& update);
  core::Result<std::vector<StoredFile>> store_files(const std::vector<Upload>& files);
  // Custom fields (ticket_service_fields.cpp).
  /// Checks the category (it must be offered: known and active) and the submitted custom fields.
  void check_category_fields(const TicketSubmission& submission, std::vector<core::FieldError>& errors,
                             std::vector<FieldValue>& values);
  /// The changes of custom field values an agent asked for, without the ones that change nothing.
  core::Result<std::optional<FieldEdit>> field_edit(const Ticket& ticket, const FieldInputs& inputs,
                                                    const AuthorRef& author);
  /// Adds the ticket's answers; a customer's view leaves out the staff's field_changed history.
  TicketView with_custom_fields(TicketView view, bool staff_view);
  /// The language the ticket's customer reads mail in: the account's, else the one they submitted in.
  Locale recipient_locale(const Ticket& ticket);
  /// Tells the publisher, if any, that `ticket` committed a change of `kind`.
  void announce(const Ticket& ticket, ActivityKind kind, bool internal = false);
  /// The rule set for one use-case call: read once, used inside the write transaction.
  std::vector<Rule> current_rules();
  /// Runs the update rules over a decided change (something changed): their changes, notes and
  /// reply join it, and a reply queues its mail like an agent's.
  void apply_update_rules(TicketChange& change, const std::vector<Rule>& rules, Locale locale) const;

  TicketRepository& tickets_;
  CatalogRepository& catalog_;
  UserRepository& users_;
  BlobStore& blobs_;
  const FileTypeDetector& detector_;
  const core::Crypto& crypto_;
  const core::Clock& clock_;
  const TicketMails& mails_;
  TicketSettings settings_;
  OutboxRepository* outbox_;
  GroupRepository* groups_;
  ActivityPublisher* publisher_ = nullptr;
  RuleRepository* rules_;
};

}  // namespace gongdan::domain
