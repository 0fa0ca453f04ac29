#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "domain/tickets/ticket_repository.hpp"

struct magic_set;

namespace gongdan::storage {

/// domain::FileTypeDetector on libmagic (MIME type by content). The magic database is loaded once;
/// a libmagic handle is not thread-safe, so calls take turns on it.
class MagicFileTypeDetector final : public domain::FileTypeDetector {
 public:
  /// Loads the system's magic database; throws StorageError when it cannot.
  MagicFileTypeDetector();
  ~MagicFileTypeDetector() override;
  MagicFileTypeDetector(const MagicFileTypeDetector&) = delete;
  MagicFileTypeDetector& operator=(const MagicFileTypeDetector&) = delete;

  /// The MIME type, e.g. `image/png`; `application/octet-stream` when libmagic cannot tell.
  std::string detect(std::string_view bytes) const override;

 private:
  mutable std::mutex mutex_;
  magic_set* cookie_ = nullptr;
};

}  // namespace gongdan::storage
