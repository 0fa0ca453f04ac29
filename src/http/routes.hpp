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
struct RouteSpec {
  std::string_view method;
  std::string_view path;  // template, e.g. /api/v1/tickets/{number}
  HandlerFn handler;
  std::optional<RateAction> rate_limit;  // the per-IP budget the route spends, if any
};

/// The one route table: every method and path the server answers.
std::span<const RouteSpec> route_table();

}  // namespace gongdan::http
