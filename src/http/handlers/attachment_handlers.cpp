#include "http/handlers/attachment_handlers.hpp"

#include <charconv>

#include "domain/tickets/attachment_policy.hpp"
#include "http/context/query.hpp"
#include "http/error_mapping.hpp"

namespace gongdan::http {

std::string content_disposition(std::string_view filename) {
  std::string fallback;
  for (const char c : filename) {
    const auto b = static_cast<unsigned char>(c);
    // Quotes, backslashes and control bytes would break out of the quoted-string.
    fallback.push_back(b >= 0x20 && b < 0x7F && c != '"' && c != '\\' ? c : '_');
  }
  if (fallback.empty()) fallback = "file";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + percent_encode(filename);
}

std::string_view download_content_type(std::string_view detected) {
  // Only types the domain accepts as attachments, all of which a browser merely displays or hands
  // to a viewer. HTML, SVG, XML and anything unknown can carry script: they go out as opaque bytes.
  return domain::is_allowed_attachment_type(detected) ? detected : "application/octet-stream";
}

Response download_attachment(RequestContext& ctx) {
  const std::string_view text = ctx.params.get("id");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return error_response(core::Error::not_found());
  }
  auto download = ctx.services.tickets.attachment(ctx.actor, core::AttachmentId{id});
  if (!download) return error_response(download.error());

  Response response;
  response.status = 200;
  response.body = std::move(download->bytes);
  response.set("Content-Type", std::string(download_content_type(download->attachment.content_type)));
  response.set("Content-Disposition", content_disposition(download->attachment.filename));
  response.set("X-Content-Type-Options", "nosniff");
  // Should a browser render it anyway, it runs nothing and reaches nothing.
  response.set("Content-Security-Policy", "default-src 'none'; sandbox");
  response.set("Cache-Control", "private, no-cache");
  return response;
}

}  // namespace gongdan::http
