#include "domain/tickets/attachment_policy.hpp"

#include <array>
#include <cstdint>

#include "core/utf8.hpp"

namespace gongdan::domain {
namespace {

constexpr std::array<std::string_view, 10> kImages{"image/png",  "image/jpeg", "image/gif",  "image/webp", "image/bmp",
                                                   "image/heic", "image/heif", "image/tiff", "image/avif", "image/x-ms-bmp"};

constexpr std::array<std::string_view, 17> kOthers{
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/json",
    "application/zip",
    "application/gzip",
    "application/x-gzip",
    "application/x-7z-compressed",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "video/mp4",
    "video/quicktime",
    "video/webm",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view value) {
  for (const auto item : list) {
    if (item == value) return true;
  }
  return false;
}

}  // namespace

bool is_image_type(std::string_view mime_type) { return contains(kImages, mime_type); }

bool is_allowed_attachment_type(std::string_view mime_type) {
  return is_image_type(mime_type) || contains(kOthers, mime_type);
}

std::string safe_filename(std::string_view name) {
  // Keep only the last path component: a name is never a path.
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  if (core::is_valid_utf8(name)) {
    for (const char c : name) {
      const auto b = static_cast<std::uint8_t>(c);
      if (b < 0x20 || b == 0x7F || c == '"') continue;
      out.push_back(c);
    }
  }
  // Cut at a code point boundary.
  if (out.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<std::uint8_t>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  const auto trimmed = core::trim(out);
  if (trimmed.empty() || trimmed == "." || trimmed == "..") return "file";
  return std::string(trimmed);
}

}  // namespace gongdan::domain
