#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/fields/field_values.hpp"
#include "domain/mail/outgoing_mail.hpp"
#include "domain/tickets/status.hpp"
#include "domain/tickets/ticket_number.hpp"
#include "domain/users/user.hpp"

namespace gongdan::domain {

/// The system the customer used when the problem happened, as sent by the app or the browser.
struct Environment {
  std::string platform;
  std::string os;
  std::string app_version;
  std::string device;
};

/// Where a ticket came from: the web form (browser or app) or an incoming mail.
enum class Channel { kWeb, kMail };

std::string_view to_string(Channel channel);
std::optional<Channel> parse_channel(std::string_view text);

/// Who a ticket belongs to: a registered customer, or a guest known only by name and email.
struct CustomerRef {
  std::optional<core::UserId> user_id;  // empty for guests
  std::string name;
  std::string email;
  Locale locale = Locale::kZhCn;  // the language of the page the ticket was submitted from
  bool guest() const { return !user_id.has_value(); }
};

/// A support request. Subject and description never change after submission.
struct Ticket {
  core::TicketId id;
  TicketNumber number = TicketNumber::unset();
  core::CategoryId category_id;
  std::string subject;
  std::string description;
  std::optional<core::Timestamp> occurred_at;
  Environment environment;
  Urgency urgency = Urgency::kNormal;
  Status status = Status::kNew;
  Priority priority = Priority::kNormal;
  CustomerRef customer;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::optional<core::Timestamp> resolved_at;
  std::optional<core::Timestamp> closed_at;
  // Who works it (docs/workspace.md): one group, optionally one agent; names read with the ticket.
  std::optional<core::GroupId> group_id;
  std::string group_name;
  std::optional<core::UserId> assignee_id;
  std::string assignee_name;
  std::vector<std::string> tags;  // sorted, each once
  /// When the customer last wrote (submission or message): the "waiting longest" sort.
  std::optional<core::Timestamp> last_customer_message_at;
  /// The first-response deadline; set by service-level policies (docs/sla.md), empty until then.
  std::optional<core::Timestamp> first_response_due_at;
  /// The other service-level due times, the earliest of the three (`sort=due`), the earliest 75 %
  /// warning instant, and the policy's name; kept by the store (docs/sla.md), empty without targets.
  std::optional<core::Timestamp> next_response_due_at{};
  std::optional<core::Timestamp> resolution_due_at{};
  std::optional<core::Timestamp> sla_due_at{};
  std::optional<core::Timestamp> sla_warn_at{};
  std::string sla_policy{};
  /// Set when this ticket was merged into another: that ticket's id and number.
  std::optional<core::TicketId> merged_into_id;
  std::string merged_into_number;
  Channel channel = Channel::kWeb;
};

/// Who wrote a message or caused an event, as shown to readers.
struct AuthorRef {
  std::optional<core::UserId> user_id;  // empty for guests and the system
  std::string name;
  Role role = Role::kCustomer;
};

/// A stored file attached to a message; `storage_key` names its bytes in the BlobStore.
struct Attachment {
  core::AttachmentId id;
  core::TicketId ticket_id;
  core::MessageId message_id;
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
  std::string storage_key;
  bool internal = false;  // attached to an internal note: staff only
};

/// One entry of the conversation: a customer message, a public agent reply or an internal note.
struct Message {
  core::MessageId id;
  core::TicketId ticket_id;
  AuthorRef author;
  std::string body;
  bool internal = false;
  core::Timestamp created_at;
  std::vector<Attachment> attachments;
};

/// What kind of change a ticket event records.
enum class EventType {
  kStatusChanged,
  kPriorityChanged,
  kAssigneeChanged,  // from/to: user id as text, "" for nobody
  kGroupChanged,     // from/to: group id as text
  kTagAdded,         // to: the tag
  kTagRemoved,       // from: the tag
  kMergedInto,       // on the merged ticket; to: the surviving ticket's number
  kMergedFrom,       // on the surviving ticket; from: the merged ticket's number
  kMacroApplied,     // to: the macro's title
  kRuleApplied,      // to: the automation rule's name; the rule's own changes follow as events
  kFieldChanged,     // a custom field's value; TicketEvent::field names the field
  kSlaWarning,       // staff only: a target reached 75 %; to: the target, from: the cycle or ""
  kSlaBreached,      // staff only: a target passed its due time; to: the target, from: the cycle or ""
};

/// A recorded change of a ticket's state: the append-only history beside the messages.
struct TicketEvent {
  core::EventId id;
  core::TicketId ticket_id;
  EventType type = EventType::kStatusChanged;
  std::string from;
  std::string to;
  AuthorRef author;
  core::Timestamp created_at;
  std::string field{};  // field_changed: the custom field's key
};

std::string_view to_string(EventType type);
std::optional<EventType> parse_event_type(std::string_view text);

/// A file that has been checked and written to the BlobStore, waiting to be linked to a message.
struct StoredFile {
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
  std::string storage_key;
};

/// A message about to be appended.
struct NewMessage {
  AuthorRef author;
  std::string body;
  bool internal = false;
  std::vector<StoredFile> files;
};

/// A new event about to be appended (ids and ticket filled in by the store).
struct NewEvent {
  EventType type = EventType::kStatusChanged;
  std::string from;
  std::string to;
  AuthorRef author;
};

/// A retry key: the same caller sending the same key gets the first result back.
struct IdempotencyKey {
  std::string scope;  // "user:<id>" or "guest:<email>"
  std::string key;
};

/// A ticket about to be stored, with its first message (the description) and files.
struct NewTicket {
  Ticket ticket;  // id ignored; everything else as it will be stored
  NewMessage first_message;
  std::optional<IdempotencyKey> idempotency;
  MailEffects effects{};  // queued in the same transaction; the store fills in the new ticket's id
  /// Hand the ticket to a member of its group by the group's assignment mode, deciding inside the
  /// write transaction from the members' state there (pick_assignee in domain/agents/group.hpp).
  bool auto_assign = false;
  /// Events and notes/replies of automation rules, appended after the first message.
  std::vector<NewEvent> events{};
  std::vector<NewMessage> more_messages{};
  std::vector<FieldValue> field_values{};  // the custom fields' answers, checked
};

/// Custom field values a change sets, by whom: the store records a field_changed event (from the
/// value it holds inside the transaction to the new one) for each value that differs.
struct FieldEdit {
  AuthorRef author;
  std::vector<FieldValueChange> changes;
};

/// What a use case decided to do to one ticket: its new state plus what to append.
struct TicketChange {
  Ticket updated;
  std::optional<NewMessage> message;
  std::vector<NewEvent> events;
  MailEffects effects{};                    // mails and links queued in the same transaction
  std::vector<NewMessage> more_messages{};  // appended after `message`: automation rules' notes and replies
  std::optional<FieldEdit> field_edit{};
};

/// What a merge does to both tickets, decided inside one write transaction.
struct MergePlan {
  TicketChange source;  // the ticket merged away: closed, pointing at the target
  TicketChange target;  // the surviving ticket: an event, a new updated_at
  /// Copy the source's messages into the target as internal notes: the two customers differ, and
  /// neither may read the other's words (docs/workspace.md "Merging").
  bool copy_as_internal = false;
};

/// The result of applying a TicketChange.
struct ChangedTicket {
  Ticket ticket;
  std::optional<Message> message;
};

}  // namespace gongdan::domain
