#include "http/server/http_session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "http/error_mapping.hpp"
#include "http/multipart/multipart.hpp"
#include "http/server/limits.hpp"
#include "http/server/response_head.hpp"
#include "http/server/websocket_session.hpp"

namespace gongdan::http {
namespace {

// Beast 1.74 speaks boost::string_view.
std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

std::chrono::seconds transfer_time(std::uint64_t bytes) {
  return std::chrono::seconds{static_cast<std::int64_t>(bytes / kMinTransferBytesPerSecond)};
}

std::string client_address(const SessionSocket& socket) {
  beast::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown";
  net::ip::address address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

// The client a trusted reverse proxy names in X-Real-IP (it sets the header, replacing what the
// client sent), else the peer. Anyone else's header is ignored: a client that could name its own
// address would step around every per-address rate limit.
std::string client_of(const bhttp::request<bhttp::string_body>& message, const std::string& peer,
                      const std::vector<std::string>& trusted_proxies) {
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end()) return peer;
  const auto named = message.find("X-Real-IP");
  if (named == message.end()) return peer;
  beast::error_code ec;
  const auto address = net::ip::make_address(std::string(view(named->value())), ec);
  return ec ? peer : address.to_string();
}

Request to_request(bhttp::request<bhttp::string_body>&& message, const std::string& client_ip) {
  Request request;
  request.method = std::string(view(message.method_string()));
  request.target = std::string(view(message.target()));
  request.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    std::string name(view(field.name_string()));
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    request.headers.push_back({std::move(name), std::string(view(field.value()))});
  }
  request.body = std::move(message.body());
  request.client_ip = client_ip;
  return request;
}

}  // namespace

HttpSession::HttpSession(SessionSocket&& socket, ServerState& state)
    : stream_(std::move(socket)), state_(state), client_ip_(client_address(stream_.socket())) {
  ++state_.connections;
}

HttpSession::~HttpSession() {
  if (in_flight_) --state_.in_flight;
  --state_.connections;
}

void HttpSession::run() {
  // A session runs on one I/O thread's io_context (Listener); start there.
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::read_header, shared_from_this()));
}

void HttpSession::read_header() {
  header_parser_.emplace();
  header_parser_->header_limit(kMaxHeaderBytes);
  // The body limit is chosen once the header is in; until then allow the largest.
  header_parser_->body_limit(kMaxMultipartBodyBytes);
  method_ = "-";
  path_ = "-";
  head_ = false;
  stream_.expires_after(kReadTimeout);
  bhttp::async_read_header(stream_, buffer_, *header_parser_,
                           beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t) {
  started_ = std::chrono::steady_clock::now();
  if (header_parser_->is_header_done()) {
    const auto& header = header_parser_->get();
    method_ = std::string(view(header.method_string()));
    const std::string_view target = view(header.target());
    path_ = std::string(target.substr(0, target.find('?')));
    version_ = header.version();
    keep_alive_ = header.keep_alive();
    head_ = header.method() == bhttp::verb::head;
  }
  if (ec == bhttp::error::header_limit) {
    return refuse(431, "headers_too_large", "The request header is larger than 16 KiB.");
  }
  if (ec == bhttp::error::body_limit) {
    return refuse(413, "payload_too_large", "The body is larger than this server accepts.");
  }
  if (ec) {
    // The client went away, idled past the timeout, or sent something that is not HTTP.
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return close();
    }
    return refuse(400, "bad_request", "The request is not valid HTTP/1.1.");
  }

  const auto& header = header_parser_->get();
  const bool multipart = is_multipart_form_data(view(header[bhttp::field::content_type]));
  const std::uint64_t limit = multipart ? kMaxMultipartBodyBytes : kMaxJsonBodyBytes;
  const auto length = header_parser_->content_length();
  if (length && *length > limit) {
    return refuse(413, "payload_too_large",
                  multipart ? "The upload is larger than 5 files of 20 MiB." : "The body is larger than 1 MiB.");
  }

  body_parser_.emplace(std::move(*header_parser_));
  header_parser_.reset();
  body_parser_->body_limit(limit);

  if (beast::iequals(body_parser_->get()[bhttp::field::expect], "100-continue") && !body_parser_->is_done()) {
    auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, version_);
    pending_write_ = interim;
    stream_.expires_after(kWriteTimeout);
    bhttp::async_write(stream_, *interim, [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
      self->pending_write_.reset();
      if (write_ec) return self->close();
      self->read_body();
    });
    return;
  }
  read_body();
}

void HttpSession::read_body() {
  const auto length = body_parser_->content_length();
  stream_.expires_after(kReadTimeout + transfer_time(length.value_or(kMaxJsonBodyBytes)));
  bhttp::async_read(stream_, buffer_, *body_parser_,
                    beast::bind_front_handler(&HttpSession::on_body, shared_from_this()));
}

void HttpSession::on_body(beast::error_code ec, std::size_t) {
  if (ec == bhttp::error::body_limit) {
    return refuse(413, "payload_too_large", "The body is larger than this server accepts.");
  }
  if (ec) {
    if (ec == beast::error::timeout || ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
      return close();
    }
    return refuse(400, "bad_request", "The request body is not valid HTTP/1.1.");
  }
  dispatch();
}

void HttpSession::dispatch() {
  if (state_.live && boost::beast::websocket::is_upgrade(body_parser_->get()) && state_.live->handles(path_)) {
    return upgrade();
  }
  auto message = body_parser_->release();
  const std::string client = client_of(message, client_ip_, state_.trusted_proxies);
  Request request = to_request(std::move(message), client);
  body_parser_.reset();
  if (state_.in_flight.load() >= kMaxInFlightRequests) {
    Response busy = problem_response(503, "unavailable", "The server is busy; try again shortly.");
    busy.set("Retry-After", "1");
    return send(std::move(busy), !keep_alive_);
  }
  ++state_.in_flight;
  in_flight_ = true;
  // A quick read costs less than handing it to a worker and its answer back (docs/adr/0004).
  if (state_.handler.quick(request)) {
    Response response = state_.handler.handle(request);
    return send(std::move(response), !keep_alive_);
  }
  // Handlers block (database, Argon2id): never on this I/O thread.
  net::post(state_.workers, [self = shared_from_this(), request = std::move(request)]() mutable {
    Response response = self->state_.handler.handle(request);
    net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
      self->send(std::move(response), !self->keep_alive_);
    });
  });
}

void HttpSession::upgrade() {
  auto message = std::make_shared<bhttp::request<bhttp::string_body>>(body_parser_->release());
  body_parser_.reset();
  Request request =
      to_request(bhttp::request<bhttp::string_body>(*message), client_of(*message, client_ip_, state_.trusted_proxies));
  if (state_.in_flight.load() >= kMaxInFlightRequests) {
    Response busy = problem_response(503, "unavailable", "The server is busy; try again shortly.");
    busy.set("Retry-After", "1");
    return send(std::move(busy), true);
  }
  ++state_.in_flight;
  in_flight_ = true;
  // Admission reads the session from the database: never on this I/O thread.
  net::post(state_.workers, [self = shared_from_this(), message, request = std::move(request)]() mutable {
    auto admission = self->state_.live->admit(request);
    net::post(self->stream_.get_executor(), [self, message, admission = std::move(admission)]() mutable {
      if (admission.refusal || !admission.connection || self->state_.stopping.load()) {
        Response refusal = admission.refusal ? std::move(*admission.refusal)
                                             : problem_response(503, "unavailable", "The server is stopping.");
        return self->send(std::move(refusal), true);
      }
      self->in_flight_ = false;
      --self->state_.in_flight;
      std::make_shared<WebSocketSession>(std::move(self->stream_), self->state_, std::move(admission.connection))
          ->run(*message);
    });
  });
}

void HttpSession::refuse(int status, std::string code, std::string detail) {
  header_parser_.reset();
  body_parser_.reset();
  // What the client is still sending is read and dropped, so that it sees this answer instead of
  // a connection reset.
  send(problem_response(status, std::move(code), std::move(detail)), true, true);
}

void HttpSession::send(Response response, bool close_after, bool drain) {
  const bool close_now = close_after || state_.stopping.load();
  auto outgoing = std::make_shared<Outgoing>();
  HeadFraming framing{version_, !close_now, std::nullopt};
  // 204 and 304 never carry a body; 204 has no Content-Length and 304 may only repeat the GET's,
  // so neither gets one (RFC 9110 8.6). HEAD gets the length of the body a GET would get, without
  // the body.
  if (response.status != 204 && response.status != 304) {
    framing.content_length = response.body.size();
    if (!head_) outgoing->body = std::move(response.body);
  }
  outgoing->head = response_head(response, framing);
  const int status = response.status;
  stream_.expires_after(kWriteTimeout + transfer_time(outgoing->body.size()));
  const std::array<net::const_buffer, 2> buffers{net::buffer(outgoing->head), net::buffer(outgoing->body)};
  pending_write_ = outgoing;
  net::async_write(stream_, buffers,
                   beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), close_now, drain, status));
}

void HttpSession::on_write(bool close_after, bool drain, int status, beast::error_code ec, std::size_t) {
  pending_write_.reset();
  if (in_flight_) {
    in_flight_ = false;
    --state_.in_flight;
  }
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_);
  // Method, path and status only: never the query string, cookies or other headers.
  spdlog::info("{} {} {} {:.1f}ms", method_, path_, status, elapsed.count());
  if (ec) return close();
  if (drain) return linger();
  if (close_after) return close();
  read_header();
}

void HttpSession::linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTimeout);
  stream_.async_read_some(net::buffer(drain_buffer_),
                          beast::bind_front_handler(&HttpSession::on_linger, shared_from_this()));
}

void HttpSession::on_linger(beast::error_code ec, std::size_t bytes) {
  drained_ += bytes;
  if (ec || drained_ > kMaxLingerBytes) return close();
  stream_.async_read_some(net::buffer(drain_buffer_),
                          beast::bind_front_handler(&HttpSession::on_linger, shared_from_this()));
}

void HttpSession::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace gongdan::http
