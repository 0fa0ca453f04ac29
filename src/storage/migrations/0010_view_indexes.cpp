#include "storage/migrations/migration_texts.hpp"

namespace gongdan::storage::migrations {

// Indexes that let every view's count (GET /agent/views) read only an index, never a ticket row:
// at a million tickets a count that fetched rows to test an agent's scope took 80-500 ms, read
// from these it takes 1-4 ms. Each queue index ends with the scope columns (group_id,
// assignee_user_id), so that a count, or a page whose filters match few of the rows an order's
// index walks (an agent's own tickets by age), tests them without reading the ticket.
std::string_view view_indexes() {
  return R"sql(
DROP INDEX tickets_queue_by_status;
CREATE INDEX tickets_queue_by_status ON tickets (status, priority DESC, created_at, id, group_id, assignee_user_id);
DROP INDEX tickets_group_queue;
CREATE INDEX tickets_group_queue ON tickets (group_id, status, priority DESC, created_at, id, assignee_user_id);
DROP INDEX tickets_assignee_queue;
CREATE INDEX tickets_assignee_queue ON tickets (assignee_user_id, status, priority DESC, created_at, id, group_id);
DROP INDEX tickets_by_age;
CREATE INDEX tickets_by_age ON tickets (status, created_at, id, group_id, assignee_user_id);
DROP INDEX tickets_by_customer_message;
CREATE INDEX tickets_by_customer_message
  ON tickets (status, last_customer_message_at DESC, id DESC, group_id, assignee_user_id);
-- Recently solved: solved tickets by their latest activity, which is never before they were
-- solved, so "solved in the last 7 days" is a range of this index (ticket_list_query.cpp).
CREATE INDEX tickets_solved_activity
  ON tickets (status, updated_at DESC, id DESC, group_id, assignee_user_id, resolved_at, closed_at);
)sql";
}

}  // namespace gongdan::storage::migrations
