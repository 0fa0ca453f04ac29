#pragma once

#include "domain/tickets/ticket_repository.hpp"
#include "storage/sql/store.hpp"

namespace gongdan::storage {

/// domain::TicketRepository on either engine (sql::Store). Each method's writes land in one
/// transaction (SQLite: a job of the single writer; PostgreSQL: a pooled connection's
/// transaction); reads see one snapshot per call.
/// Methods without a Result in their signature answer "nothing" when storage fails (and report
/// the failure to the error sink): fail closed rather than show half a conversation as whole.
class SqlTicketRepository final : public domain::TicketRepository {
 public:
  explicit SqlTicketRepository(sql::Store& store) : store_(store) {}

  core::Result<domain::Ticket> create(const domain::NewTicket& ticket) override;
  core::Result<domain::ChangedTicket> modify(core::TicketId id, const domain::TicketDecision& decide) override;
  core::Result<domain::ChangedTicket> merge(core::TicketId source, core::TicketId target,
                                            const domain::MergeDecision& decide) override;
  std::optional<domain::Ticket> find_by_number(const domain::TicketNumber& number) override;
  std::optional<domain::Ticket> find_for_lookup(const domain::TicketNumber& number) override;
  std::optional<domain::Ticket> find_by_id(core::TicketId id) override;
  core::Result<domain::Page<domain::Ticket>> list(const domain::TicketQuery& query) override;
  std::int64_t count(const domain::TicketQuery& query) override;
  std::vector<domain::Message> messages(core::TicketId id, bool include_internal) override;
  std::vector<domain::TicketEvent> events(core::TicketId id) override;
  std::vector<domain::TicketFieldValue> custom_field_values(core::TicketId id) override;
  std::optional<domain::Attachment> find_attachment(core::AttachmentId id) override;
  std::vector<domain::Ticket> active_tickets_of(core::UserId customer, int limit) override;

 private:
  sql::Store& store_;
};

}  // namespace gongdan::storage
