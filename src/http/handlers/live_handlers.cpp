#include "http/handlers/live_handlers.hpp"

#include "http/error_mapping.hpp"

namespace gongdan::http {

Response live_updates(RequestContext& ctx) {
  if (!ctx.actor.signed_in()) return problem_response(401, "unauthenticated", "Sign in first.");
  if (!ctx.actor.is_staff()) return problem_response(403, "forbidden", "Live updates are for agents.");
  Response response = problem_response(426, "upgrade_required", "Open this URL as a WebSocket.");
  response.set("Upgrade", "websocket");
  response.set("Connection", "Upgrade");
  return response;
}

}  // namespace gongdan::http
