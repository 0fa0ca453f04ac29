#pragma once

#include <string>
#include <string_view>

#include "http/context/request_context.hpp"
#include "http/response.hpp"

namespace gongdan::http {

/// GET /api/v1/attachments/{id} → the file, always as a download.
Response download_attachment(RequestContext& ctx);

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266).
std::string content_disposition(std::string_view filename);

/// The Content-Type an attachment is served with: the detected type when it is passive (images,
/// plain text, PDF, archives, Office, video), application/octet-stream for anything that could
/// carry script (HTML, SVG, XML) or is unknown. Downloads are `attachment` and nosniff either way.
std::string_view download_content_type(std::string_view detected);

}  // namespace gongdan::http
