#include "storage/sqlite/ticket_list_query.hpp"

#include <algorithm>
#include <array>

#include "core/utf8.hpp"
#include "domain/search/search_tokens.hpp"
#include "storage/sql/page_cursor.hpp"
#include "storage/sqlite/rows.hpp"
#include "storage/sqlite/search_index_writer.hpp"

namespace gongdan::storage::sqlite {
namespace {

using Order = domain::TicketQuery::Order;

// Cursor tags: a cursor made for one order is refused by the other.
constexpr std::string_view kActivityTag = "a";
constexpr std::string_view kQueueTag = "q";
constexpr std::string_view kSearchTag = "s";

// A text that is not a ticket number is a full-text search, whose list has its own order.
bool searching(const domain::TicketQuery& query) {
  const std::string_view text = core::trim(query.text);
  return !text.empty() && !domain::TicketNumber::parse(text);
}

std::string placeholders(std::size_t count) {
  std::string text = "(";
  for (std::size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
  return text + ")";
}

// Turns `sql` (one status, ending in its ORDER BY) into a UNION ALL of one arm per status with
// the same order: SQLite merges arms that each read an index in order (tickets_queue_by_status),
// so a page stops after `limit` rows. `status IN (...)` instead sorts every matching row, with
// all its columns: 120 ms for the 65,000 open tickets of a million (make bench).
void merge_arms(std::string& sql, std::vector<std::variant<std::int64_t, std::string>>& values,
                std::size_t status_value, const std::vector<domain::Status>& statuses, std::string_view order) {
  const std::string arm = sql.substr(0, sql.rfind(" ORDER BY "));
  const auto arm_values = values;
  sql.clear();
  values.clear();
  for (const auto status : statuses) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += arm;
    auto these = arm_values;
    these[status_value] = std::string(domain::to_string(status));
    values.insert(values.end(), these.begin(), these.end());
  }
  sql += " ORDER BY ";
  sql += order;
}

}  // namespace

core::Result<TicketListQuery> TicketListQuery::make(const domain::TicketQuery& query) {
  TicketListQuery list;
  list.order_ = query.order;
  list.limit_ = std::clamp(query.limit, 1, kMaxLimit);

  std::optional<std::vector<std::int64_t>> after;
  if (!query.cursor.empty()) {
    const bool queue = query.order == Order::kQueue;
    after = searching(query) ? sql::PageCursor::decode(query.cursor, kSearchTag, 1)
                             : sql::PageCursor::decode(query.cursor, queue ? kQueueTag : kActivityTag, queue ? 3 : 2);
    if (!after) return core::Error::field("cursor", "invalid", "The cursor is not one this list gave out.");
  }

  std::string& sql = list.sql_;
  auto& values = list.values_;
  sql = std::string(kSelectTicket) + "WHERE 1 = 1";
  if (query.customer) {
    sql += " AND t.customer_user_id = ?";
    values.emplace_back(query.customer->value);
  }
  if (!query.customer_email.empty()) {
    // Either side of the join can use its own index (users.email, tickets.guest_email).
    sql += " AND (u.email = ? OR t.guest_email = ?)";
    values.insert(values.end(), {query.customer_email, query.customer_email});
  }
  // Several statuses in a sorted list: one arm per status, merged (see merge_arms below).
  const bool merge_statuses = query.statuses.size() > 1 && !searching(query);
  std::size_t status_value = 0;
  if (merge_statuses) {
    sql += " AND t.status = ?";
    status_value = values.size();
    values.emplace_back(std::string());
  } else if (!query.statuses.empty()) {
    sql += " AND t.status IN " + placeholders(query.statuses.size());
    for (const auto status : query.statuses) values.emplace_back(std::string(domain::to_string(status)));
  }
  if (!query.priorities.empty()) {
    sql += " AND t.priority IN " + placeholders(query.priorities.size());
    for (const auto priority : query.priorities) values.emplace_back(priority_value(priority));
  }
  const std::string_view text = core::trim(query.text);
  bool by_index = false;  // the rows come from ticket_search (alias s), in its order
  if (auto number = domain::TicketNumber::parse(text)) {
    // A number typed without its dash, or with look-alike letters, finds its ticket.
    sql += " AND t.number = ?";
    values.emplace_back(number->str());
  } else if (!text.empty()) {
    // Full text (docs/workspace.md, Search): a match is newest first, in the index's own order.
    list.search_ = true;
    const auto terms = domain::search_query_terms(text);
    if (terms.empty()) {
      sql += " AND 0";  // only punctuation or spaces: nothing to look for, nothing matches
    } else {
      sql = select_ticket_by_search() + sql.substr(kSelectTicket.size());
      by_index = true;
      sql += " AND s.ticket_search MATCH ?";
      values.emplace_back(fts5_match(terms));
    }
  }
  if (list.search_) {
    // On s.rowid, not t.id: FTS5 then seeks to the cursor and walks its postings newest first,
    // so a page reads about `limit` hits even when a word is in half of all tickets.
    const std::string id = by_index ? "s.rowid" : "t.id";
    if (after) {
      sql += " AND " + id + " < ?";
      values.emplace_back((*after)[0]);
    }
    sql += " ORDER BY " + id + " DESC";
  } else if (query.order == Order::kQueue) {
    if (after) {
      const auto& k = *after;  // priority, created_at, id
      sql += " AND (t.priority < ? OR (t.priority = ? AND (t.created_at > ? OR (t.created_at = ? AND t.id > ?))))";
      values.insert(values.end(), {k[0], k[0], k[1], k[1], k[2]});
    }
    sql += " ORDER BY t.priority DESC, t.created_at ASC, t.id ASC";
    // Result columns of kSelectTicket: 13 priority, 17 created_at, 1 id.
    if (merge_statuses) merge_arms(sql, values, status_value, query.statuses, "13 DESC, 17 ASC, 1 ASC");
  } else {
    if (after) {
      const auto& k = *after;  // updated_at, id
      sql += " AND (t.updated_at < ? OR (t.updated_at = ? AND t.id < ?))";
      values.insert(values.end(), {k[0], k[0], k[1]});
    }
    sql += " ORDER BY t.updated_at DESC, t.id DESC";
    // Result columns of kSelectTicket: 18 updated_at, 1 id.
    if (merge_statuses) merge_arms(sql, values, status_value, query.statuses, "18 DESC, 1 DESC");
  }
  // One row more than the page tells whether another page follows.
  sql += " LIMIT ?";
  values.emplace_back(static_cast<std::int64_t>(list.limit_) + 1);
  return list;
}

domain::Page<domain::Ticket> TicketListQuery::run(Connection& db) const {
  // Filters change the SQL text, so these statements are not cached.
  Statement statement = db.prepare(sql_);
  for (std::size_t i = 0; i < values_.size(); ++i) {
    std::visit([&](const auto& value) { statement.bind(static_cast<int>(i + 1), value); }, values_[i]);
  }
  domain::Page<domain::Ticket> page;
  while (statement.step()) page.items.push_back(read_ticket(statement));
  if (page.items.size() > static_cast<std::size_t>(limit_)) {
    page.items.resize(static_cast<std::size_t>(limit_));
    page.next_cursor = next_cursor(page.items.back());
  }
  return page;
}

std::string TicketListQuery::next_cursor(const domain::Ticket& last) const {
  if (search_) return sql::PageCursor::encode(kSearchTag, std::array<std::int64_t, 1>{last.id.value});
  if (order_ == Order::kQueue) {
    const std::array<std::int64_t, 3> keys{priority_value(last.priority), core::to_epoch_ms(last.created_at),
                                           last.id.value};
    return sql::PageCursor::encode(kQueueTag, keys);
  }
  const std::array<std::int64_t, 2> keys{core::to_epoch_ms(last.updated_at), last.id.value};
  return sql::PageCursor::encode(kActivityTag, keys);
}

}  // namespace gongdan::storage::sqlite
