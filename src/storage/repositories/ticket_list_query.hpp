#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "domain/tickets/ticket_repository.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/dialect.hpp"

namespace gongdan::storage {

/// One page of a ticket list as SQL: filters, keyset pagination after the cursor, and the order.
class TicketListQuery {
 public:
  static constexpr int kMaxLimit = 100;  // one page never reads more rows than this

  /// Checks the query (a malformed cursor is Error::field("cursor", "invalid", ...)) and builds the
  /// SQL for `dialect` (the full-text search differs per engine).
  static core::Result<TicketListQuery> make(const domain::TicketQuery& query, sql::Dialect dialect);
  /// Runs it: at most `limit` tickets and, when more follow, the cursor of the next page.
  domain::Page<domain::Ticket> run(sql::Connection& db) const;
  /// How many tickets the filters match, ignoring order, cursor and limit.
  std::int64_t count(sql::Connection& db) const;

 private:
  using Value = std::variant<std::int64_t, std::string>;

  TicketListQuery() = default;
  std::string next_cursor(const domain::Ticket& last) const;

  domain::TicketQuery::Order order_ = domain::TicketQuery::Order::kRecentActivity;
  int limit_ = 20;
  std::string where_;  // the filters, shared by the page and the count
  std::vector<Value> where_values_;
  bool needs_customer_ = false;  // a filter reads the customer's users row
  bool search_ = false;          // a full-text search: newest first, whatever order_ says
  std::string from_ = "tickets t";
  std::string index_id_;      // when from_ is driven by the search index: its ticket id column
  std::string search_array_;  // PostgreSQL's search: its terms for the GIN index (search_terms_array)
  /// The statements of a page, run in order until the page is full; each ends with `LIMIT ?`,
  /// bound when it runs. One, except for sort=due (see make()).
  struct Part {
    std::string sql;
    std::vector<Value> values;
    /// PostgreSQL's search (search_window_part): prepared at each run, see run().
    bool postgres_search = false;
  };
  static Part search_window_part(const TicketListQuery& list, std::optional<std::int64_t> before);
  std::vector<Part> parts_;
};

}  // namespace gongdan::storage
