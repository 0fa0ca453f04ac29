#pragma once

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

/// GET /api/v1/ws without a WebSocket upgrade: 401/403 as for the socket, else 426 naming the
/// protocol. The upgrade itself never reaches a handler: the server hands it to the LiveEndpoint.
Response live_updates(RequestContext& ctx);

}  // namespace gongdan::http
