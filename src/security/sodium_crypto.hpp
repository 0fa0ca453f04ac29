#pragma once

#include "core/crypto.hpp"

namespace gongdan::security {

/// core::Crypto on libsodium: Argon2id (interactive limits), SHA-256, the OS CSPRNG.
class SodiumCrypto final : public core::Crypto {
 public:
  /// Initialises libsodium; throws std::runtime_error when it cannot.
  SodiumCrypto();
  std::string hash_password(std::string_view password) const override;
  bool verify_password(std::string_view hash, std::string_view password) const override;
  std::string digest(std::string_view secret) const override;
  void random_bytes(std::span<std::byte> out) const override;
  std::string random_token(std::size_t bytes) const override;
};

}  // namespace gongdan::security
