#include "storage/transfer/row_checksum.hpp"

#include <sodium.h>

#include <stdexcept>

namespace gongdan::storage::transfer {
namespace {

constexpr std::size_t kDigestBytes = 16;  // BLAKE2b-128: ample against accidental collisions
constexpr std::size_t kBufferBytes = 64 * 1024;

}  // namespace

struct RowChecksum::State {
  crypto_generichash_state hash;
};

RowChecksum::RowChecksum() : state_(std::make_unique<State>()) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  crypto_generichash_init(&state_->hash, nullptr, 0, kDigestBytes);
  buffer_.reserve(kBufferBytes);
}

RowChecksum::~RowChecksum() = default;

void RowChecksum::null() { append("N"); }

void RowChecksum::integer(std::int64_t value) {
  append("I");
  append(std::to_string(value));
  append(";");
}

void RowChecksum::text(std::string_view value) {
  // The length first: no two different sequences of values render to the same bytes.
  append("T");
  append(std::to_string(value.size()));
  append(":");
  append(value);
}

void RowChecksum::end_row() {
  append("\n");
  ++rows_;
}

void RowChecksum::append(std::string_view bytes) {
  if (!hex_.empty()) throw std::logic_error("RowChecksum: a value added after hex()");
  if (buffer_.size() + bytes.size() > kBufferBytes) flush();
  if (bytes.size() >= kBufferBytes) {
    crypto_generichash_update(&state_->hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return;
  }
  buffer_.append(bytes);
}

void RowChecksum::flush() {
  crypto_generichash_update(&state_->hash, reinterpret_cast<const unsigned char*>(buffer_.data()), buffer_.size());
  buffer_.clear();
}

std::string RowChecksum::hex() {
  if (!hex_.empty()) return hex_;
  flush();
  unsigned char digest[kDigestBytes];
  crypto_generichash_final(&state_->hash, digest, sizeof digest);
  char text[kDigestBytes * 2 + 1];
  sodium_bin2hex(text, sizeof text, digest, sizeof digest);
  hex_ = text;
  return hex_;
}

}  // namespace gongdan::storage::transfer
