#pragma once

#include <string>
#include <string_view>

#include "core/crypto.hpp"
#include "core/time.hpp"

namespace gongdan::domain {

/// A mailed link's secret: a selector — the creation time in milliseconds and two random bytes,
/// as 16 hex digits — followed by 32 random bytes, URL-safe. Only link_digest(token) is stored.
std::string make_link_token(const core::Crypto& crypto, core::Timestamp now);

/// How a link token is stored and looked up: its selector in clear, a dot, then the SHA-256 of
/// the whole token. Links made one after another then sort one after another, so the unique
/// index on the digests grows at its right edge; a plain hash lands every insert on a random page
/// of the index, which cost half of the durable ticket submissions per second in `make bench`.
/// The selector tells only when the link was made; the secret is the 32 random bytes.
std::string link_digest(const core::Crypto& crypto, std::string_view token);

}  // namespace gongdan::domain
