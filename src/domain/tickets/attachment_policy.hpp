#pragma once

#include <string>
#include <string_view>

namespace gongdan::domain {

/// Whether a detected MIME type may be attached: screenshots, recordings, logs and documents.
/// Anything a browser could run (HTML, SVG, scripts, executables) is refused.
bool is_allowed_attachment_type(std::string_view mime_type);

/// Whether the type is an image the ticket page may show inline.
bool is_image_type(std::string_view mime_type);

/// A file name safe to store and to send back: no path, no control characters, at most 200 bytes.
std::string safe_filename(std::string_view name);

}  // namespace gongdan::domain
