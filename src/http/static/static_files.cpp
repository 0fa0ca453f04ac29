#include "http/static/static_files.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "http/context/query.hpp"
#include "http/error_mapping.hpp"

namespace gongdan::http {
namespace {

// A static file is read whole into memory: a stray huge file must not exhaust it.
constexpr std::uintmax_t kMaxStaticFileBytes = 64ULL * 1024 * 1024;

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kContentTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".avif", "image/avif"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".wasm", "application/wasm"},
}};

Response not_found() { return problem_response(404, "not_found", "No such page."); }

}  // namespace

std::optional<std::string> normalise_static_path(std::string_view raw_path) {
  auto decoded = percent_decode(raw_path);
  if (!decoded) return std::nullopt;
  std::string out;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    // `..` climbs out of the web root; dotfiles (.env, .git) are never part of the built SPA.
    if (segment.front() == '.') return std::nullopt;
    // NUL truncates paths in C APIs; a backslash is a separator on some systems.
    if (segment.find('\0') != std::string_view::npos || segment.find('\\') != std::string_view::npos) {
      return std::nullopt;
    }
    if (!out.empty()) out.push_back('/');
    out.append(segment);
  }
  return out;
}

std::string_view static_content_type(std::string_view filename) {
  const auto dot = filename.rfind('.');
  const auto slash = filename.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return "application/octet-stream";
  const std::string_view extension = filename.substr(dot);
  for (const auto& [ext, type] : kContentTypes) {
    if (iequals(ext, extension)) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::filesystem::path& web_dir) {
  if (web_dir.empty()) return;
  std::error_code ec;
  root_ = std::filesystem::canonical(web_dir, ec);
  if (ec) root_.clear();
}

Response StaticFiles::serve(std::string_view raw_path, std::string_view if_none_match) const {
  if (root_.empty()) return not_found();
  const auto relative = normalise_static_path(raw_path);
  if (!relative) return not_found();

  const std::filesystem::path index = root_ / "index.html";
  if (relative->empty()) return file_response(index, false, if_none_match);

  std::error_code ec;
  const std::filesystem::path file = std::filesystem::canonical(root_ / *relative, ec);
  if (!ec) {
    // A symlink inside the root must not lead outside it.
    const auto [root_end, file_it] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
    if (root_end != root_.end()) return not_found();
    if (std::filesystem::is_regular_file(file, ec)) {
      return file_response(file, relative->starts_with("assets/"), if_none_match);
    }
  }
  // Client-side routes (/tickets/261125-7K3QZ8) have no extension; missing files do.
  const auto last_slash = relative->rfind('/');
  const std::string_view last =
      std::string_view(*relative).substr(last_slash == std::string::npos ? 0 : last_slash + 1);
  const bool in_assets = *relative == "assets" || relative->starts_with("assets/");
  if (last.find('.') == std::string_view::npos && !in_assets) {
    return file_response(index, false, if_none_match);
  }
  return not_found();
}

Response StaticFiles::file_response(const std::filesystem::path& file, bool immutable,
                                    std::string_view if_none_match) const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxStaticFileBytes) return not_found();
  const auto modified = std::filesystem::last_write_time(file, ec);
  if (ec) return not_found();
  const std::string etag =
      fmt::format("\"{:x}-{:x}\"", size, static_cast<std::uint64_t>(modified.time_since_epoch().count()));

  Response response;
  response.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.set("ETag", etag);
  if (!if_none_match.empty() && if_none_match == etag) {
    response.status = 304;
    return response;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found();
  std::ostringstream bytes;
  bytes << in.rdbuf();
  response.status = 200;
  response.body = std::move(bytes).str();
  response.set("Content-Type", std::string(static_content_type(file.filename().string())));
  return response;
}

}  // namespace gongdan::http
