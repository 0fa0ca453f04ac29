#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace gongdan::http {

/// One accepted WebSocket, as the application sees it: where to send text frames. Implemented by
/// the network side (WebSocketSession); no Beast in this header.
class LiveSocket {
 public:
  virtual ~LiveSocket() = default;
  /// Queues one text frame and returns at once; callable from any thread. A socket whose queue
  /// is full (a consumer that does not read) is closed instead of growing.
  virtual void send(std::string text) = 0;
};

/// The application side of one accepted WebSocket.
class LiveConnection {
 public:
  virtual ~LiveConnection() = default;
  /// Once, after the handshake, with the socket to answer on.
  virtual void opened(std::weak_ptr<LiveSocket> socket) = 0;
  /// Each text frame from the client, in order, on a worker thread, one at a time.
  virtual void received(std::string_view text) = 0;
  /// Once, when the connection ends for any reason (also when it never opened).
  virtual void closed() = 0;
};

/// What the server asks about WebSocket upgrade requests (GET /api/v1/ws).
class LiveEndpoint {
 public:
  /// Either a refusal (answered as plain HTTP, then the connection closes) or the connection that
  /// takes over the socket.
  struct Admission {
    std::optional<Response> refusal;
    std::shared_ptr<LiveConnection> connection;
  };

  virtual ~LiveEndpoint() = default;
  /// Whether an upgrade request for `path` is for this endpoint (others are ordinary requests).
  virtual bool handles(std::string_view path) const = 0;
  /// On a worker thread (it may read the database): who is asking and whether they may connect.
  virtual Admission admit(const Request& request) noexcept = 0;
  /// About once a second, on an I/O thread: time-based work such as typing flags that expired.
  virtual void tick() noexcept = 0;
};

}  // namespace gongdan::http
