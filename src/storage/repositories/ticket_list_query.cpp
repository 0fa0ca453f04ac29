#include "storage/repositories/ticket_list_query.hpp"

#include <algorithm>
#include <array>

#include "core/utf8.hpp"
#include "domain/search/search_tokens.hpp"
#include "storage/repositories/rows.hpp"
#include "storage/repositories/search_index_writer.hpp"
#include "storage/sql/page_cursor.hpp"

namespace gongdan::storage {
namespace {

using Order = domain::TicketQuery::Order;

// Each order's cursor tag and key count: a cursor made for one order is refused by the others.
struct OrderKeys {
  std::string_view tag;
  std::size_t count;
};

constexpr OrderKeys kSearchKeys{"s", 1};  // ticket id: a search is newest first

// A text that is not a ticket number is a full-text search, whose list has its own order.
bool searching(const domain::TicketQuery& query) {
  const std::string_view text = core::trim(query.text);
  return !text.empty() && !domain::TicketNumber::parse(text);
}

// The ORDER BY of a UNION ALL of one arm per status, by result column of select_ticket (1 id,
// 13 priority, 17 created_at, 18 updated_at, 27 last_customer_message_at, 34 sla_due_at).
// Due pages come in two parts (make()); this is the order of the part with deadlines.
std::string_view merged_order(Order order) {
  switch (order) {
    case Order::kQueue: return "13 DESC, 17 ASC, 1 ASC";
    case Order::kAge: return "17 ASC, 1 ASC";
    case Order::kLastCustomerMessage: return "27 DESC, 1 DESC";
    case Order::kRecentActivity: return "18 DESC, 1 DESC";
    case Order::kDue: return "34 ASC, 1 ASC";
  }
  return "";
}

OrderKeys keys_of(Order order) {
  switch (order) {
    case Order::kQueue: return {"q", 3};                // priority, created_at, id
    case Order::kAge: return {"g", 2};                  // created_at, id
    case Order::kLastCustomerMessage: return {"m", 2};  // last_customer_message_at, id
    case Order::kDue: return {"d", 3};                  // no deadline (0/1), deadline, id
    case Order::kRecentActivity: return {"a", 2};       // updated_at, id
  }
  return {"a", 2};
}

std::string placeholders(std::size_t count) {
  std::string text = "(";
  for (std::size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
  return text + ")";
}

template <typename Id>
void add_ids(std::vector<std::variant<std::int64_t, std::string>>& values, const std::vector<Id>& ids) {
  for (const auto& id : ids) values.emplace_back(id.value);
}

// PostgreSQL's search page (docs/postgres.md, "Search on PostgreSQL"). "Newest match first,
// LIMIT n" has no plan that suits every term there: GIN returns matches in storage order, so a
// bitmap scan reads every match of a common word before the newest n are known, and a backward
// scan of the primary key filtered by the terms reads every ticket for a rare one (or for a word
// that was common once: the planner's estimate cannot tell). So a page looks first at the newest
// kSearchWindow rows below the cursor, in id order, with the cheap strpos tests only; when they
// hold a full page of matches (every common word) that is the page, and otherwise the older
// matches come from the GIN index (a rare word has few). The one-time test on the count keeps the
// second arm from running at all when the window was enough, and `top` keeps the final join to
// the page's rows.
constexpr int kSearchWindow = 1000;
// The array test the GIN index answers, appended to the older arm and to the count.
constexpr std::string_view kSearchArray = " AND gongdan_search_terms(s.tokens) @> string_to_array(?, ' ')";

}  // namespace

TicketListQuery::Part TicketListQuery::search_window_part(const TicketListQuery& list,
                                                          std::optional<std::int64_t> before) {
  const std::string joins = list.needs_customer_ ? " LEFT JOIN users u ON u.id = t.customer_user_id" : "";
  Part part;
  part.sql = "WITH win AS MATERIALIZED (SELECT ticket_id, tokens FROM ticket_search";
  if (before) {
    part.sql += " WHERE ticket_id < ?";
    part.values.emplace_back(*before);
  }
  part.sql += " ORDER BY ticket_id DESC LIMIT " + std::to_string(kSearchWindow) +
              "), recent AS MATERIALIZED (SELECT s.ticket_id FROM win s JOIN tickets t ON t.id = s.ticket_id" + joins +
              " WHERE " + list.where_ +
              "), hits AS (SELECT ticket_id FROM recent UNION ALL SELECT s.ticket_id FROM ticket_search s "
              "JOIN tickets t ON t.id = s.ticket_id" +
              joins +
              " WHERE (SELECT COUNT(*) FROM recent) < ? AND s.ticket_id < (SELECT MIN(ticket_id) FROM win) AND " +
              list.where_ + std::string(kSearchArray) +
              "), top AS MATERIALIZED (SELECT ticket_id FROM hits ORDER BY ticket_id DESC LIMIT ?) ";
  part.values.insert(part.values.end(), list.where_values_.begin(), list.where_values_.end());
  part.values.emplace_back(static_cast<std::int64_t>(list.limit_) + 1);
  part.values.insert(part.values.end(), list.where_values_.begin(), list.where_values_.end());
  part.values.emplace_back(list.search_array_);
  std::string select(select_ticket(sql::Dialect::kPostgres));
  constexpr std::string_view kFrom = "FROM tickets t ";
  select.replace(select.find(kFrom), kFrom.size(), "FROM top h JOIN tickets t ON t.id = h.ticket_id ");
  // The page's LIMIT (bound last by run()) is in `top`: no placeholder may follow it.
  part.sql += select + "ORDER BY t.id DESC";
  part.postgres_search = true;
  return part;
}

core::Result<TicketListQuery> TicketListQuery::make(const domain::TicketQuery& query, sql::Dialect dialect) {
  TicketListQuery list;
  list.order_ = query.order;
  list.limit_ = std::clamp(query.limit, 1, kMaxLimit);

  const bool search = searching(query);
  const OrderKeys keys = search ? kSearchKeys : keys_of(query.order);
  std::optional<std::vector<std::int64_t>> after;
  if (!query.cursor.empty()) {
    after = sql::PageCursor::decode(query.cursor, keys.tag, keys.count);
    if (!after) return core::Error::field("cursor", "invalid", "The cursor is not one this list gave out.");
  }

  std::string& where = list.where_;
  auto& values = list.where_values_;
  where = "1 = 1";
  if (query.scope && !query.scope->all_groups) {
    // An agent's tickets: their groups' and those assigned to them (domain StaffScope::covers).
    where += " AND (t.assignee_user_id = ?";
    values.emplace_back(query.scope->user.value);
    if (!query.scope->groups.empty()) {
      where += " OR t.group_id IN " + placeholders(query.scope->groups.size());
      add_ids(values, query.scope->groups);
    }
    where += ")";
  }
  if (query.assignee) {
    where += " AND t.assignee_user_id = ?";
    values.emplace_back(query.assignee->value);
  }
  if (query.unassigned) where += " AND t.assignee_user_id IS NULL";
  if (!query.groups.empty()) {
    where += " AND t.group_id IN " + placeholders(query.groups.size());
    add_ids(values, query.groups);
  }
  if (!query.tag.empty()) {
    where += " AND t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)";
    values.emplace_back(query.tag);
  }
  if (query.resolved_since) {
    // Every change sets updated_at, solving included, so a ticket solved since then was also
    // updated since then: the second test says nothing new but lets tickets_solved_activity
    // answer with a range instead of reading every solved ticket of the file.
    where += " AND COALESCE(t.resolved_at, t.closed_at) >= ? AND t.updated_at >= ?";
    values.insert(values.end(), {core::to_epoch_ms(*query.resolved_since), core::to_epoch_ms(*query.resolved_since)});
  }
  if (query.sla_warned_by) {
    where += " AND t.sla_warn_at <= ?";
    values.emplace_back(core::to_epoch_ms(*query.sla_warned_by));
  }
  if (query.customer) {
    where += " AND t.customer_user_id = ?";
    values.emplace_back(query.customer->value);
  }
  if (!query.customer_email.empty()) {
    // Either side of the join can use its own index (users.email, tickets.guest_email).
    where += " AND (u.email = ? OR t.guest_email = ?)";
    values.insert(values.end(), {query.customer_email, query.customer_email});
    list.needs_customer_ = true;
  }
  if (!query.priorities.empty()) {
    where += " AND t.priority IN " + placeholders(query.priorities.size());
    for (const auto priority : query.priorities) values.emplace_back(priority_value(priority));
  }
  const std::string_view text = core::trim(query.text);
  if (auto number = domain::TicketNumber::parse(text)) {
    // A number typed without its dash, or with look-alike letters, finds its ticket.
    where += " AND t.number = ?";
    values.emplace_back(number->str());
  } else if (!text.empty()) {
    // Full text (docs/workspace.md, Search): a match is newest first, in the index's own order.
    list.search_ = true;
    const auto terms = domain::search_query_terms(text);
    if (terms.empty()) {
      where += " AND 1 = 0";  // only punctuation or spaces: nothing to look for, nothing matches
    } else if (dialect == sql::Dialect::kSqlite) {
      // ticket_search drives the join (CROSS JOIN keeps it outer), so a page reads about `limit`
      // postings even for a word in half of all tickets.
      list.from_ = "ticket_search s CROSS JOIN tickets t ON t.id = s.rowid";
      list.index_id_ = "s.rowid";
      where += " AND s.ticket_search MATCH ?";
      values.emplace_back(fts5_match(terms));
    } else {
      // Each term as a strpos test on the tokens: a token is a whole word between spaces, and a
      // prefix term `X*` (X one non-ASCII character: domain/search makes no others) is a token
      // starting with X, so they say what the GIN index's array test says (kSearchArray) at a
      // fraction of the cost of computing the term array: the newest window (search_window_part)
      // needs nothing else, and PostgreSQL evaluates them first wherever both stand.
      list.from_ = "ticket_search s JOIN tickets t ON t.id = s.ticket_id";
      list.index_id_ = "s.ticket_id";
      for (const auto& term : terms) {
        if (term.prefix) {
          where += " AND strpos(' ' || s.tokens, ?) > 0";
          values.emplace_back(" " + term.token);
        } else {
          where += " AND strpos(' ' || s.tokens || ' ', ?) > 0";
          values.emplace_back(" " + term.token + " ");
        }
      }
      list.search_array_ = search_terms_array(terms);
    }
  }

  // The count reads every status at once; a page with several statuses is one arm per status,
  // merged in index order by SQLite (tickets_queue_by_status and its siblings): `status IN (...)`
  // sorts every matching row with all its columns instead, 120 ms for the 65,000 open tickets of
  // a million (make bench).
  const std::string filters = where;
  const auto filter_values = values;
  if (!query.statuses.empty()) {
    where += " AND t.status IN " + placeholders(query.statuses.size());
    for (const auto status : query.statuses) values.emplace_back(std::string(domain::to_string(status)));
  }
  const std::string_view arms_order = search ? std::string_view{} : merged_order(query.order);
  const bool arms = query.statuses.size() > 1 && !arms_order.empty();

  // One arm: the select, the filters, the keyset condition after the cursor.
  std::vector<Value> arm_values;
  std::string keyset_sql;
  const auto keyset = [&](std::string_view predicate, std::initializer_list<std::int64_t> bound) {
    keyset_sql += " AND ";
    keyset_sql += predicate;
    for (const auto value : bound) arm_values.emplace_back(value);
  };
  std::string order_sql;
  if (search) {
    const std::string id = list.index_id_.empty() ? "t.id" : list.index_id_;
    if (after) keyset(id + " < ?", {(*after)[0]});
    order_sql = " ORDER BY " + id + " DESC";
  } else {
    switch (query.order) {
      case Order::kQueue:
        if (after) {
          const auto& k = *after;
          keyset("(t.priority < ? OR (t.priority = ? AND (t.created_at > ? OR (t.created_at = ? AND t.id > ?))))",
                 {k[0], k[0], k[1], k[1], k[2]});
        }
        order_sql = " ORDER BY t.priority DESC, t.created_at ASC, t.id ASC";
        break;
      case Order::kAge:
        if (after)
          keyset("(t.created_at > ? OR (t.created_at = ? AND t.id > ?))", {(*after)[0], (*after)[0], (*after)[1]});
        order_sql = " ORDER BY t.created_at ASC, t.id ASC";
        break;
      case Order::kLastCustomerMessage:
        // Every ticket has the column (set on submission; backfilled by migration 4).
        if (after) {
          keyset("(t.last_customer_message_at < ? OR (t.last_customer_message_at = ? AND t.id < ?))",
                 {(*after)[0], (*after)[0], (*after)[1]});
        }
        order_sql = " ORDER BY t.last_customer_message_at DESC, t.id DESC";
        break;
      case Order::kDue:
        // Soonest deadline first, then the tickets without one: two parts (below), each read in
        // the order of tickets_by_sla_due. `ORDER BY sla_due_at IS NULL, ...` sorted every open
        // ticket with all its columns instead: 140-170 ms at a million.
        if (after && (*after)[0] == 0) {
          keyset("(t.sla_due_at > ? OR (t.sla_due_at = ? AND t.id > ?))", {(*after)[1], (*after)[1], (*after)[2]});
        }
        order_sql = " ORDER BY t.sla_due_at ASC, t.id ASC";
        break;
      case Order::kRecentActivity:
        if (after)
          keyset("(t.updated_at < ? OR (t.updated_at = ? AND t.id < ?))", {(*after)[0], (*after)[0], (*after)[1]});
        order_sql = " ORDER BY t.updated_at DESC, t.id DESC";
        break;
    }
  }

  std::string select(select_ticket(dialect, query.for_customer ? TicketColumns::kCustomer : TicketColumns::kAll));
  if (!list.index_id_.empty()) {
    constexpr std::string_view kFrom = "FROM tickets t ";
    select.replace(select.find(kFrom), kFrom.size(), "FROM " + list.from_ + " ");
  }
  // One statement: every status arm (or one WHERE for all) with `extra` conditions and the
  // keyset after the cursor, merged by `merged` / ordered by `order`.
  const auto compose = [&](std::string_view extra, const std::string& keys_sql, const std::vector<Value>& keys_values,
                           std::string_view merged, std::string_view order) {
    Part part;
    if (arms) {
      for (const auto status : query.statuses) {
        if (!part.sql.empty()) part.sql += " UNION ALL ";
        part.sql.append(select).append("WHERE ").append(filters).append(" AND t.status = ?");
        part.sql.append(extra).append(keys_sql);
        part.values.insert(part.values.end(), filter_values.begin(), filter_values.end());
        part.values.emplace_back(std::string(domain::to_string(status)));
        part.values.insert(part.values.end(), keys_values.begin(), keys_values.end());
      }
      part.sql += " ORDER BY ";
      part.sql += merged;
    } else {
      part.sql = select + "WHERE " + where + std::string(extra) + keys_sql + std::string(order);
      part.values = values;
      part.values.insert(part.values.end(), keys_values.begin(), keys_values.end());
    }
    part.sql += " LIMIT ?";
    return part;
  };
  if (!list.search_array_.empty()) {
    list.parts_.push_back(search_window_part(list, after ? std::optional((*after)[0]) : std::nullopt));
  } else if (!search && query.order == Order::kDue) {
    if (!after || (*after)[0] == 0) {
      list.parts_.push_back(compose(" AND t.sla_due_at IS NOT NULL", keyset_sql, arm_values, arms_order, order_sql));
    }
    std::string none_keys;
    std::vector<Value> none_values;
    if (after && (*after)[0] == 1) {
      none_keys = " AND t.id > ?";
      none_values.emplace_back((*after)[2]);
    }
    list.parts_.push_back(compose(" AND t.sla_due_at IS NULL", none_keys, none_values, "1 ASC", " ORDER BY t.id ASC"));
  } else {
    list.parts_.push_back(compose("", keyset_sql, arm_values, arms_order, order_sql));
  }
  return list;
}

namespace {

template <typename Values>
void bind_values(sql::Statement& statement, const Values& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::visit([&](const auto& value) { statement.bind(static_cast<int>(i + 1), value); }, values[i]);
  }
}

}  // namespace

domain::Page<domain::Ticket> TicketListQuery::run(sql::Connection& db) const {
  // The text depends only on which filters are set and how many ids they list, so few texts
  // repeat: cached, a page does not pay for parsing a three-arm compound SELECT every time.
  // One row more than the page tells whether another page follows.
  const std::size_t wanted = static_cast<std::size_t>(limit_) + 1;
  domain::Page<domain::Ticket> page;
  for (const Part& part : parts_) {
    if (page.items.size() >= wanted) break;
    const auto read = [&](sql::Statement& statement) {
      bind_values(statement, part.values);
      statement.bind(static_cast<int>(part.values.size() + 1), static_cast<std::int64_t>(wanted - page.items.size()));
      while (statement.step()) page.items.push_back(read_ticket(statement));
    };
    if (part.postgres_search) {
      // Planned with its terms each time (prepare, not cached): a cached statement gets a generic
      // plan after five runs, blind to whether the older arm should use the index. No parallel
      // workers and no JIT: the older arm is usually never run, yet a parallel plan for it starts
      // its workers and a costly estimate compiles it, each several milliseconds per page.
      db.exec("SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off");
      auto statement = db.prepare(part.sql);
      read(statement);
    } else {
      read(*db.cached(part.sql));
    }
  }
  if (page.items.size() > static_cast<std::size_t>(limit_)) {
    page.items.resize(static_cast<std::size_t>(limit_));
    page.next_cursor = next_cursor(page.items.back());
  }
  return page;
}

std::int64_t TicketListQuery::count(sql::Connection& db) const {
  // The customer join only when a filter reads it: a count may touch every row of a view.
  std::string sql = "SELECT COUNT(*) FROM " + from_ + " ";
  if (needs_customer_) sql += "LEFT JOIN users u ON u.id = t.customer_user_id ";
  sql += "WHERE " + where_;
  if (!search_array_.empty()) {
    // PostgreSQL: every match counts, so the index finds them, planned with the terms (run()).
    auto statement = db.prepare(sql + std::string(kSearchArray));
    bind_values(statement, where_values_);
    statement.bind(static_cast<int>(where_values_.size() + 1), search_array_);
    return statement.step() ? statement.int64(0) : 0;
  }
  auto statement = db.cached(sql);
  bind_values(*statement, where_values_);
  return statement->step() ? statement->int64(0) : 0;
}

std::string TicketListQuery::next_cursor(const domain::Ticket& last) const {
  const auto ms = [](const std::optional<core::Timestamp>& t) { return t ? core::to_epoch_ms(*t) : 0; };
  if (search_) return sql::PageCursor::encode(kSearchKeys.tag, std::array<std::int64_t, 1>{last.id.value});
  const std::string_view tag = keys_of(order_).tag;
  switch (order_) {
    case Order::kQueue: {
      const std::array<std::int64_t, 3> keys{priority_value(last.priority), core::to_epoch_ms(last.created_at),
                                             last.id.value};
      return sql::PageCursor::encode(tag, keys);
    }
    case Order::kAge: {
      const std::array<std::int64_t, 2> keys{core::to_epoch_ms(last.created_at), last.id.value};
      return sql::PageCursor::encode(tag, keys);
    }
    case Order::kLastCustomerMessage: {
      const std::array<std::int64_t, 2> keys{ms(last.last_customer_message_at), last.id.value};
      return sql::PageCursor::encode(tag, keys);
    }
    case Order::kDue: {
      const std::array<std::int64_t, 3> keys{last.sla_due_at ? 0 : 1, ms(last.sla_due_at), last.id.value};
      return sql::PageCursor::encode(tag, keys);
    }
    case Order::kRecentActivity: break;
  }
  const std::array<std::int64_t, 2> keys{core::to_epoch_ms(last.updated_at), last.id.value};
  return sql::PageCursor::encode(tag, keys);
}

}  // namespace gongdan::storage
