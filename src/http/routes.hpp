#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "http/context/request_context.hpp"
#include "http/limits/rate_limiter.hpp"
#include "http/response.hpp"

namespace gongdan::http {

/// A handler: request context in, response out. Expected failures are responses, not exceptions.
using HandlerFn = Response (*)(RequestContext&);

/// One row of the route table.
/// What a handler may wait for. kQuickRead: it reads a few indexed rows and answers from them;
/// it never waits for the writer's commit, a lock or Argon2id, so on SQLite the server may run it
/// on the I/O thread that read the request (docs/adr/0004).
enum class RouteCost { kMayBlock, kQuickRead };

/// The most rows a quick read answers: a page asked with a higher `limit` goes to a worker.
inline constexpr int kQuickPageLimit = 25;

struct RouteSpec {
  std::string_view method;
  std::string_view path;  // template, e.g. /api/v1/tickets/{number}
  HandlerFn handler;
  std::optional<RateAction> rate_limit;  // the per-IP budget the route spends, if any
  RouteCost cost = RouteCost::kMayBlock;
};

/// The one route table: every method and path the server answers.
std::span<const RouteSpec> route_table();

}  // namespace gongdan::http
