#pragma once

#include <string>
#include <string_view>

namespace gongdan::http {

/// Equality whose running time depends only on the lengths, so that a token cannot be guessed
/// byte by byte from response times.
bool constant_time_equals(std::string_view a, std::string_view b);

/// Whether a method changes state (POST, PUT, PATCH, DELETE): those need the CSRF check.
bool is_unsafe_method(std::string_view method);

/// Double-submit check: the X-CSRF-Token header must equal the gd_csrf cookie, both non-empty.
bool csrf_token_matches(std::string_view header_token, std::string_view cookie_token);

/// A fresh random token (hex of 32 bytes from the OS CSPRNG) for the gd_csrf cookie.
std::string random_csrf_token();

}  // namespace gongdan::http
