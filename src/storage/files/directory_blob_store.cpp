#include "storage/files/directory_blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "storage/storage_error.hpp"

namespace gongdan::storage {
namespace {

constexpr std::string_view kTempFolder = "tmp";
constexpr std::size_t kKeyLength = 64;  // SHA-256 in hex

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closing can report a delayed write error, so callers that wrote check it.
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// A rename or a new entry is durable only once its directory is synced.
bool sync_directory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd.get() >= 0 && ::fsync(fd.get()) == 0;
}

}  // namespace

DirectoryBlobStore::DirectoryBlobStore(std::filesystem::path root, const core::Crypto& crypto)
    : root_(std::move(root)), crypto_(crypto) {
  std::error_code ec;
  std::filesystem::create_directories(root_ / kTempFolder, ec);
  if (ec) throw StorageError("cannot create the attachment folder " + root_.string() + ": " + ec.message());
}

bool DirectoryBlobStore::valid_key(std::string_view key) {
  if (key.size() != kKeyLength) return false;
  for (const char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::filesystem::path DirectoryBlobStore::path_of(std::string_view key) const {
  return root_ / std::string(key.substr(0, 2)) / std::string(key.substr(2));
}

core::Result<std::string> DirectoryBlobStore::put(std::string_view bytes) {
  const std::string key = crypto_.digest(bytes);
  if (!valid_key(key)) return core::Error::unavailable("The digest is not a SHA-256 hex string.");
  const auto target = path_of(key);
  std::error_code ec;
  // Same content, same key: a complete copy is already there (only complete files get a name).
  if (std::filesystem::exists(target, ec)) return key;

  const auto temp = root_ / kTempFolder / (crypto_.random_token(12) + ".part");
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
  if (fd.get() < 0) return core::Error::unavailable(errno_text("create attachment"));
  const bool written = write_all(fd.get(), bytes) && ::fsync(fd.get()) == 0;
  if (!fd.close() || !written) {
    const std::string message = errno_text("write attachment");
    std::filesystem::remove(temp, ec);
    return core::Error::unavailable(message);
  }

  const auto shard = target.parent_path();
  const bool new_shard = std::filesystem::create_directory(shard, ec);
  if (ec || (new_shard && !sync_directory(root_))) {
    std::filesystem::remove(temp, ec);
    return core::Error::unavailable("Cannot create the attachment folder " + shard.string());
  }
  // rename() replaces atomically: a concurrent put of the same bytes leaves one identical file.
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const std::string message = errno_text("store attachment");
    std::filesystem::remove(temp, ec);
    return core::Error::unavailable(message);
  }
  if (!sync_directory(shard)) return core::Error::unavailable(errno_text("sync attachment folder"));
  return key;
}

std::optional<std::string> DirectoryBlobStore::get(const std::string& key) {
  if (!valid_key(key)) return std::nullopt;
  Fd fd(::open(path_of(key).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return bytes;
}

}  // namespace gongdan::storage
