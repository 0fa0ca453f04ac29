#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace gongdan::core {

/// The cryptographic primitives the domain needs, implemented with libsodium in src/security.
class Crypto {
 public:
  virtual ~Crypto() = default;
  /// An Argon2id hash string with its own salt and parameters. Costly (~50 ms): never on an I/O thread.
  virtual std::string hash_password(std::string_view password) const = 0;
  /// Constant-time verification against a hash_password() string.
  virtual bool verify_password(std::string_view hash, std::string_view password) const = 0;
  /// SHA-256 of a secret, hex-encoded: how tokens are stored.
  virtual std::string digest(std::string_view secret) const = 0;
  /// Unpredictable bytes from the OS CSPRNG.
  virtual void random_bytes(std::span<std::byte> out) const = 0;
  /// A random URL-safe token carrying `bytes` bytes of entropy.
  virtual std::string random_token(std::size_t bytes) const = 0;
};

}  // namespace gongdan::core
