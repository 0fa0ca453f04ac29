#include "storage/files/magic_file_type_detector.hpp"

#include <magic.h>

#include "storage/storage_error.hpp"

namespace gongdan::storage {
namespace {

constexpr std::string_view kUnknown = "application/octet-stream";

// MAGIC_NO_CHECK_COMPRESS: never decompress uploads to look inside (a small hostile file could
// inflate to gigabytes). Plain ZIP and Office files are still recognised by their headers.
constexpr int kFlags = MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR;

}  // namespace

MagicFileTypeDetector::MagicFileTypeDetector() : cookie_(magic_open(kFlags)) {
  if (cookie_ == nullptr) throw StorageError("libmagic could not start");
  if (magic_load(cookie_, nullptr) != 0) {
    std::string message = "libmagic could not load its database: ";
    const char* reason = magic_error(cookie_);
    message += reason != nullptr ? reason : "unknown error";
    magic_close(cookie_);
    throw StorageError(message);
  }
}

MagicFileTypeDetector::~MagicFileTypeDetector() { magic_close(cookie_); }

std::string MagicFileTypeDetector::detect(std::string_view bytes) const {
  std::lock_guard lock(mutex_);
  const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
  if (type == nullptr || *type == '\0') return std::string(kUnknown);
  return std::string(type);
}

}  // namespace gongdan::storage
