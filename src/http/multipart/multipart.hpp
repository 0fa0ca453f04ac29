#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace gongdan::http {

/// One part of a multipart/form-data body. `body` points into the parsed body, which must outlive it.
struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;  // set for file parts, possibly empty
  std::string content_type;             // as sent, "" when absent
  std::string_view body;
};

/// Bounds on what a multipart body may contain; each stops one way to waste the server's work.
struct MultipartLimits {
  std::size_t max_parts = 16;                // bookkeeping per part: a body of a million empty parts
  std::size_t max_part_header_bytes = 8192;  // header block of one part: header floods
  std::size_t max_headers_per_part = 16;     // header count of one part: same
};

/// The `boundary` parameter of a multipart/form-data Content-Type (1..70 characters), or nullopt
/// when the type is not multipart/form-data or has no usable boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

/// Whether a Content-Type names multipart/form-data.
bool is_multipart_form_data(std::string_view content_type);

/// Parses a multipart/form-data body (RFC 7578) strictly: a truncated body, a part without
/// `Content-Disposition: form-data; name=...`, folded headers or text after a boundary are errors
/// (kInvalid, field `multipart`); more than `max_parts` parts is `too_many` on `files`. Names and
/// filenames are taken as browsers send them (WHATWG: quotes as %22, no backslash escapes).
core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view content_type,
                                                         const MultipartLimits& limits = {});

}  // namespace gongdan::http
