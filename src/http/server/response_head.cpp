#include "http/server/response_head.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "http/server/net.hpp"

namespace gongdan::http {
namespace {

using namespace std::string_view_literals;

// Script only from our own origin and no inline script: injected markup cannot run.
constexpr std::string_view kDefaultCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// Always these values: browsers must not guess a type (an uploaded file must never run as HTML or
// script), ticket numbers in URLs must not leak to other sites, and no clickjacking for browsers
// without frame-ancestors.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kFixedHeaders{{
    {"X-Content-Type-Options"sv, "nosniff"sv},
    {"Referrer-Policy"sv, "same-origin"sv},
    {"X-Frame-Options"sv, "DENY"sv},
}};

// Connection is not here: its tokens other than close and keep-alive are kept (below).
bool is_fixed_or_framing(std::string_view name) {
  for (const auto& [fixed, value] : kFixedHeaders) {
    if (iequals(name, fixed)) return true;
  }
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding");
}

bool splits_the_header(std::string_view text) { return text.find_first_of("\r\n\0"sv) != std::string_view::npos; }

// A field name is an RFC 9110 token: anything else (a colon, a space) would forge another field.
bool is_token(std::string_view name) {
  constexpr std::string_view kPunctuation = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x80 && std::isalnum(byte) != 0) || kPunctuation.find(c) != std::string_view::npos;
  });
}

// The handler's Connection tokens other than close and keep-alive, which are the framing's.
void append_connection_tokens(std::string& out, std::string_view value) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    std::string_view token = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
    if (token.empty() || iequals(token, "close") || iequals(token, "keep-alive")) continue;
    out.append(out.empty() ? "" : ", ").append(token);
  }
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string response_head(const Response& response, const HeadFraming& framing) {
  std::string out;
  out.reserve(512);
  out.append(framing.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  out.append(std::to_string(response.status)).push_back(' ');
  // A status Beast has no name for gets an empty reason phrase, which RFC 9112 4 allows.
  const auto known = bhttp::int_to_status(static_cast<unsigned>(response.status));
  if (known != bhttp::status::unknown) {
    const auto reason = bhttp::obsolete_reason(known);
    out.append(reason.data(), reason.size());
  }
  out.append("\r\n");

  bool has_csp = false;
  std::string connection;  // the handler's tokens (Upgrade), then the framing's
  for (const Header& header : response.headers) {
    const bool token = is_token(header.name);
    if (!token || splits_the_header(header.value)) {
      // The name goes to the log only if it is a token: it could carry a forged log line too.
      spdlog::error("response header {} left out: a name that is no token or a value with CR, LF or NUL",
                    token ? header.name : std::string("(not a token)"));
      continue;
    }
    if (iequals(header.name, "Connection")) {
      append_connection_tokens(connection, header.value);
      continue;
    }
    if (is_fixed_or_framing(header.name)) continue;
    if (iequals(header.name, "Content-Security-Policy")) {
      if (header.value.empty()) continue;  // an empty policy would be no policy: the default goes out
      has_csp = true;
    }
    append_field(out, header.name, header.value);
  }
  if (!has_csp) append_field(out, "Content-Security-Policy", kDefaultCsp);
  for (const auto& [name, value] : kFixedHeaders) append_field(out, name, value);

  // HTTP/1.1 connections persist unless one side says close; HTTP/1.0 ones close unless both
  // say keep-alive (RFC 9112 9.3).
  const std::string_view token =
      framing.version == 10 ? (framing.keep_alive ? "keep-alive"sv : ""sv) : (framing.keep_alive ? ""sv : "close"sv);
  if (!token.empty()) connection.append(connection.empty() ? "" : ", ").append(token);
  if (!connection.empty()) append_field(out, "Connection", connection);
  if (framing.content_length) append_field(out, "Content-Length", std::to_string(*framing.content_length));
  out.append("\r\n");
  return out;
}

}  // namespace gongdan::http
