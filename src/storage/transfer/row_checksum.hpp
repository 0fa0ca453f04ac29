#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gongdan::storage::transfer {

/// A checksum over a table's rows in a canonical rendering that does not depend on the engine
/// that held them: each value is tagged by kind (NULL, integer in decimal, text with its byte
/// length), each row ends with a separator, and the stream is hashed with BLAKE2b-128 (libsodium).
/// Two tables with the same values in the same order have the same checksum on any engine.
///   RowChecksum sum;
///   sum.integer(42); sum.text("工单"); sum.null(); sum.end_row();
///   sum.hex();  // 32 hex digits
class RowChecksum {
 public:
  RowChecksum();
  ~RowChecksum();
  RowChecksum(const RowChecksum&) = delete;
  RowChecksum& operator=(const RowChecksum&) = delete;

  void null();
  void integer(std::int64_t value);
  void text(std::string_view value);
  void end_row();

  /// Rows ended so far.
  std::int64_t rows() const { return rows_; }
  /// The checksum of everything added; adding more afterwards is an error (std::logic_error).
  std::string hex();

 private:
  struct State;
  void append(std::string_view bytes);
  void flush();

  std::unique_ptr<State> state_;
  std::string buffer_;  // small values are gathered before hashing: one hash call per 64 KiB
  std::int64_t rows_ = 0;
  std::string hex_;  // set once finished
};

}  // namespace gongdan::storage::transfer
