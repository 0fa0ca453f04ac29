#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/agents/access_policy.hpp"
#include "domain/tickets/ticket.hpp"

namespace gongdan::domain {

/// Which tickets to list and in what order.
struct TicketQuery {
  enum class Order {
    kRecentActivity,       // updated_at descending: My tickets
    kQueue,                // priority descending, then created_at ascending: the agents' queue
    kAge,                  // created_at ascending: oldest first
    kLastCustomerMessage,  // last_customer_message_at descending: most recently waiting first
    kDue,                  // sla_due_at (the earliest due time) ascending, tickets without one last
  };
  std::optional<StaffScope> scope;                // only tickets this staff member works
  std::optional<core::UserId> assignee;           // only tickets assigned to this user
  bool unassigned = false;                        // only tickets without an assignee
  std::vector<core::GroupId> groups;              // only tickets of these groups; empty: any
  std::string tag;                                // only tickets with this tag; empty: any
  std::optional<core::Timestamp> resolved_since;  // only tickets resolved or closed since then
  std::optional<core::Timestamp> sla_warned_by;   // only tickets with a running SLA target at 75 % by then
  std::optional<core::UserId> customer;           // only this customer's tickets
  std::string customer_email;                     // only tickets of this address (lower-cased); empty: any
  std::vector<Status> statuses;                   // empty: any
  std::vector<Priority> priorities;               // empty: any
  std::string text;                               // matches number, subject or customer email; empty: any
  Order order = Order::kRecentActivity;
  std::string cursor;  // opaque, from a previous page's next_cursor
  int limit = 20;
  // Read for the customer: a store may leave the fields only staff see empty (group and assignee
  // names, tags, merge target), as a customer's answer never shows them.
  bool for_customer = false;
};

/// One page of a list, with the cursor of the next page when there is one.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

/// Decides, from a ticket's current state read inside the write transaction, what to change.
using TicketDecision = std::function<core::Result<TicketChange>(const Ticket&)>;

/// Decides a merge from both tickets' current states, read inside the write transaction.
using MergeDecision = std::function<core::Result<MergePlan>(const Ticket& source, const Ticket& target)>;

/// Where tickets, their messages, events and attachment records live. Every write is atomic.
class TicketRepository {
 public:
  virtual ~TicketRepository() = default;

  /// Stores a ticket with its first message and files. With an idempotency key already used in
  /// the same scope, stores nothing and returns the ticket created then. Error kConflict with
  /// reason `number_taken` when the number exists (the caller draws another).
  virtual core::Result<Ticket> create(const NewTicket& ticket) = 0;

  /// Reads the ticket inside one write transaction, asks `decide` what to change and applies it.
  /// Nothing is written when `decide` fails. Error kNotFound when there is no such ticket.
  virtual core::Result<ChangedTicket> modify(core::TicketId id, const TicketDecision& decide) = 0;

  /// Merges `source` into `target` in one transaction: applies both changes of the plan and
  /// copies the source's messages and attachment records into the target with their original
  /// times (before the source's own change is appended). Returns the target as changed.
  virtual core::Result<ChangedTicket> merge(core::TicketId source, core::TicketId target,
                                            const MergeDecision& decide) = 0;

  virtual std::optional<Ticket> find_by_number(const TicketNumber& number) = 0;
  /// The ticket with this number as a status lookup needs it, and no more: id, number, status,
  /// priority, the customer's email, group, created_at, updated_at, merged_into_id, the response
  /// deadlines and the policy's name (what reply_by reads); every other field keeps its default.
  /// A store may return the whole ticket; SQL stores skip the joins and text a lookup never shows.
  virtual std::optional<Ticket> find_for_lookup(const TicketNumber& number) { return find_by_number(number); }
  virtual std::optional<Ticket> find_by_id(core::TicketId id) = 0;
  /// Error kInvalid (field `cursor`) when the cursor was not made by this store.
  virtual core::Result<Page<Ticket>> list(const TicketQuery& query) = 0;
  /// How many tickets the query's filters match (order, cursor and limit ignored).
  virtual std::int64_t count(const TicketQuery& query) = 0;
  /// The conversation in time order, internal notes only when asked for.
  virtual std::vector<Message> messages(core::TicketId id, bool include_internal) = 0;
  virtual std::vector<TicketEvent> events(core::TicketId id) = 0;
  /// The ticket's custom field values with their definitions, in the definitions' order.
  virtual std::vector<TicketFieldValue> custom_field_values(core::TicketId id) = 0;
  virtual std::optional<Attachment> find_attachment(core::AttachmentId id) = 0;
  /// The customer's active (new/open/pending) tickets, newest first, at most `limit`.
  virtual std::vector<Ticket> active_tickets_of(core::UserId customer, int limit) = 0;
};

/// Where attachment bytes live (a directory today, shared storage later).
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  /// Writes the bytes durably and returns their key.
  virtual core::Result<std::string> put(std::string_view bytes) = 0;
  /// The bytes under `key`, or nullopt.
  virtual std::optional<std::string> get(const std::string& key) = 0;
};

/// Tells a file's type from its content, never from its name.
class FileTypeDetector {
 public:
  virtual ~FileTypeDetector() = default;
  /// The MIME type of the bytes, e.g. `image/png`.
  virtual std::string detect(std::string_view bytes) const = 0;
};

}  // namespace gongdan::domain
