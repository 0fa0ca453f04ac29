#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/response.hpp"

namespace gongdan::http {

/// The file a request path names, relative to the web root ("" for the root), after decoding
/// and normalising; nullopt when it would leave the root (`..`), hides (dotfiles), or holds NUL,
/// a backslash or a malformed escape.
std::optional<std::string> normalise_static_path(std::string_view raw_path);

/// The Content-Type of a static file by its extension (application/octet-stream when unknown).
std::string_view static_content_type(std::string_view filename);

/// Serves the built SPA from `web_dir`: its files, and index.html for unknown paths without a file
/// extension (client-side routes). /assets/* are content-hashed and cached for a year; everything
/// else is revalidated.
class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& web_dir);

  /// GET or HEAD of `raw_path` (as sent, without the query string).
  Response serve(std::string_view raw_path, std::string_view if_none_match) const;

 private:
  Response file_response(const std::filesystem::path& file, bool immutable, std::string_view if_none_match) const;

  std::filesystem::path root_;  // canonical; empty when there is no web directory
};

}  // namespace gongdan::http
