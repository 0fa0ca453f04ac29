#pragma once

#include "core/result.hpp"
#include "domain/tickets/ticket_service.hpp"
#include "http/context/query.hpp"

namespace gongdan::http {

/// The filters of a ticket list from the query string: status, priority, q, cursor, limit. A
/// limit that is not a whole number is `invalid` on `limit`; its range is the use case's call.
core::Result<domain::ListRequest> list_request(const QueryParams& query);

}  // namespace gongdan::http
