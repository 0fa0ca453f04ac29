#pragma once

#include <string_view>

#include "http/realtime/activity_hub.hpp"
#include "http/server.hpp"
#include "http/server/live_endpoint.hpp"

namespace gongdan::http {

inline constexpr std::string_view kLivePath = "/api/v1/ws";

/// Whether a browser's Origin header names the site the request came to (its Host): a page of
/// another site must not open a socket with our cookies (cross-site WebSocket hijacking).
bool same_origin(std::string_view origin, std::string_view host);

/// Who may open /api/v1/ws: signed-in staff (session cookie or Bearer token, checked by the same
/// code as every API request), from a page of this site; the hub then takes the socket.
class LiveGate final : public LiveEndpoint {
 public:
  LiveGate(Services& services, ActivityHub& hub) : services_(services), hub_(hub) {}

  bool handles(std::string_view path) const override { return path == kLivePath; }
  Admission admit(const Request& request) noexcept override;
  void tick() noexcept override;

 private:
  Admission decide(const Request& request);

  Services& services_;
  ActivityHub& hub_;
};

}  // namespace gongdan::http
