#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto.hpp"
#include "core/result.hpp"
#include "domain/tickets/ticket_repository.hpp"

namespace gongdan::storage {

/// domain::BlobStore in a directory (`<data_dir>/attachments`). Bytes are content-addressed: the
/// key is their SHA-256 in hex, stored as `ab/cdef…`, so identical uploads share one file. A file
/// appears under its name only once it is complete and on disk (temp file, fsync, rename, fsync
/// of the directory), so a crash never leaves a truncated attachment behind a key.
class DirectoryBlobStore final : public domain::BlobStore {
 public:
  /// Creates `root` (and its temp folder) when absent; throws StorageError when it cannot.
  /// `crypto` names the bytes (SHA-256) and the temp files; it must outlive the store.
  DirectoryBlobStore(std::filesystem::path root, const core::Crypto& crypto);

  core::Result<std::string> put(std::string_view bytes) override;
  std::optional<std::string> get(const std::string& key) override;

  /// True for keys this store makes: 64 lower-case hex digits. Anything else, such as `../x` or
  /// an absolute path, is refused before it gets near the file system.
  static bool valid_key(std::string_view key);

 private:
  std::filesystem::path path_of(std::string_view key) const;

  std::filesystem::path root_;
  const core::Crypto& crypto_;
};

}  // namespace gongdan::storage
